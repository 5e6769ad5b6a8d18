import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { beforeCreatedAt, type CreatedAtKeyset } from '../../db/keyset.js';
import { bids, type BidRow, type BidStatus } from '../../db/schema/bids.js';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class BidsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Inserts a live bid, or returns null when the provider already has one on this request. */
  async insertLive(tx: DbOrTx, row: typeof bids.$inferInsert): Promise<BidRow | null> {
    try {
      const [created] = await tx
        .insert(bids)
        .values({ ...row, status: 'live' })
        .returning();
      return created!;
    } catch (error) {
      if ((error as { code?: string; cause?: { code?: string } }).cause?.code === UNIQUE_VIOLATION || (error as { code?: string }).code === UNIQUE_VIOLATION)
        return null;
      throw error;
    }
  }

  async findById(id: string): Promise<BidRow | undefined> {
    const [row] = await this.db.select().from(bids).where(eq(bids.id, id));
    return row;
  }

  async lockById(tx: DbOrTx, id: string): Promise<BidRow | undefined> {
    const [row] = await tx.select().from(bids).where(eq(bids.id, id)).for('update');
    return row;
  }

  async ofRequest(requestId: string, providerId?: string): Promise<BidRow[]> {
    const own = providerId ? eq(bids.providerId, providerId) : undefined;
    return this.db
      .select()
      .from(bids)
      .where(and(eq(bids.requestId, requestId), own))
      .orderBy(asc(bids.createdAt));
  }

  async setStatus(tx: DbOrTx, id: string, status: BidStatus): Promise<BidRow> {
    const [row] = await tx.update(bids).set({ status, updatedAt: new Date() }).where(eq(bids.id, id)).returning();
    return row!;
  }

  async countLive(tx: DbOrTx, requestId: string): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(bids)
      .where(and(eq(bids.requestId, requestId), eq(bids.status, 'live')));
    return row?.n ?? 0;
  }

  /** Every live bid of the request loses, but the winner's if one is given; returns those that lost. */
  async loseOthers(tx: DbOrTx, requestId: string, winnerId?: string): Promise<BidRow[]> {
    const notWinner = winnerId ? ne(bids.id, winnerId) : undefined;
    return tx
      .update(bids)
      .set({ status: 'lost', updatedAt: new Date() })
      .where(and(eq(bids.requestId, requestId), notWinner, eq(bids.status, 'live')))
      .returning();
  }

  /** A provider's bids across requests, newest first, `limit + 1` rows (one range of bids_provider_list_idx). */
  /** A provider's bids (`providerId`), or the bids on some requests (`requestIds`), newest first. */
  async list(
    filter: { providerId?: string; requestIds?: string[]; status?: BidStatus; requestId?: string; after?: CreatedAtKeyset },
    limit: number,
  ): Promise<BidRow[]> {
    if (filter.requestIds?.length === 0) return [];
    return this.db
      .select()
      .from(bids)
      .where(
        and(
          filter.providerId ? eq(bids.providerId, filter.providerId) : undefined,
          filter.requestIds ? inArray(bids.requestId, filter.requestIds) : undefined,
          filter.status ? eq(bids.status, filter.status) : undefined,
          filter.requestId ? eq(bids.requestId, filter.requestId) : undefined,
          beforeCreatedAt(bids.createdAt, bids.id, filter.after),
        ),
      )
      .orderBy(desc(bids.createdAt), desc(bids.id))
      .limit(limit + 1);
  }

  async liveBidders(tx: DbOrTx, requestId: string): Promise<string[]> {
    const rows = await tx
      .select({ providerId: bids.providerId })
      .from(bids)
      .where(and(eq(bids.requestId, requestId), eq(bids.status, 'live')));
    return rows.map((r) => r.providerId);
  }
}
