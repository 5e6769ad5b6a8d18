import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { beforeCreatedAt, type CreatedAtKeyset } from '../../db/keyset.js';
import { engagements, type EngagementRow, type EngagementStatus } from '../../db/schema/engagements.js';

export type EngagementChanges = Partial<Omit<typeof engagements.$inferInsert, 'id' | 'requestId' | 'bidId' | 'price' | 'subsidy' | 'enterpriseShare'>>;

@Injectable()
export class EngagementsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: typeof engagements.$inferInsert): Promise<EngagementRow> {
    const [created] = await tx.insert(engagements).values(row).returning();
    return created!;
  }

  async findById(id: string, tx: DbOrTx = this.db): Promise<EngagementRow | undefined> {
    const [row] = await tx.select().from(engagements).where(eq(engagements.id, id));
    return row;
  }

  async lockById(tx: DbOrTx, id: string): Promise<EngagementRow | undefined> {
    const [row] = await tx.select().from(engagements).where(eq(engagements.id, id)).for('update');
    return row;
  }

  async update(tx: DbOrTx, id: string, changes: EngagementChanges): Promise<EngagementRow> {
    const [row] = await tx
      .update(engagements)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(engagements.id, id))
      .returning();
    return row!;
  }

  async byIds(tx: DbOrTx, ids: string[]): Promise<EngagementRow[]> {
    if (ids.length === 0) return [];
    return tx.select().from(engagements).where(inArray(engagements.id, ids));
  }

  /** One party's engagements, newest first, `limit + 1` rows (one range of engagements_enterprise_idx or engagements_provider_idx). */
  async ofParty(
    filter: { party: 'enterprise' | 'provider'; org: string; status?: EngagementStatus; after?: CreatedAtKeyset },
    limit: number,
  ): Promise<EngagementRow[]> {
    const party = filter.party === 'enterprise' ? eq(engagements.enterpriseId, filter.org) : eq(engagements.providerId, filter.org);
    return this.db
      .select()
      .from(engagements)
      .where(
        and(party, filter.status ? eq(engagements.status, filter.status) : undefined, beforeCreatedAt(engagements.createdAt, engagements.id, filter.after)),
      )
      .orderBy(desc(engagements.createdAt), desc(engagements.id))
      .limit(limit + 1);
  }

  /**
   * Subsidised engagements awarded before `cutoff`, not accepted, not lapsed and not in a dispute
   * (which decides them), whose claim is still committed; oldest first. Locked, skipping rows
   * held by someone else: an accept in flight keeps its engagement, and sweeps on several workers
   * take different rows (engagements_subsidy_pending_idx).
   */
  async lockSubsidyPending(tx: DbOrTx, cutoff: Date, limit: number): Promise<EngagementRow[]> {
    return tx
      .select()
      .from(engagements)
      .where(
        and(
          isNotNull(engagements.subsidy),
          isNull(engagements.acceptedAt),
          isNull(engagements.subsidyLapsedAt),
          lt(engagements.createdAt, cutoff),
          inArray(engagements.status, ['awaiting_payment', 'in_progress', 'delivered']),
          sql`exists (select 1 from subsidy_claims c where c.engagement_id = ${engagements.id} and c.status = 'committed')`,
        ),
      )
      .orderBy(engagements.createdAt)
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /** Whether the provider has had any engagement with the enterprise (engagements_provider_idx, then the enterprise). */
  async existsBetween(enterpriseId: string, providerId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: engagements.id })
      .from(engagements)
      .where(and(eq(engagements.providerId, providerId), eq(engagements.enterpriseId, enterpriseId)))
      .limit(1);
    return row !== undefined;
  }
}
