import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, eq, gt, ne, or, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { engagementMessageReads, engagementMessages, type EngagementMessageRow } from '../../db/schema/conversations.js';

@Injectable()
export class MessagesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: typeof engagementMessages.$inferInsert): Promise<EngagementMessageRow> {
    const [created] = await tx.insert(engagementMessages).values(row).returning();
    return created!;
  }

  async findById(id: string): Promise<EngagementMessageRow | undefined> {
    const [row] = await this.db.select().from(engagementMessages).where(eq(engagementMessages.id, id));
    return row;
  }

  /** Oldest first, after the keyset (createdAt, id) when one is given; one more than `limit` to know of a next page. */
  async page(engagementId: string, limit: number, after?: { createdAt: string; id: string }): Promise<EngagementMessageRow[]> {
    const keyset = after
      ? or(
          gt(engagementMessages.createdAt, new Date(after.createdAt)),
          and(eq(engagementMessages.createdAt, new Date(after.createdAt)), gt(engagementMessages.id, after.id)),
        )
      : undefined;
    return this.db
      .select()
      .from(engagementMessages)
      .where(and(eq(engagementMessages.engagementId, engagementId), keyset))
      .orderBy(asc(engagementMessages.createdAt), asc(engagementMessages.id))
      .limit(limit + 1);
  }

  async readUntil(engagementId: string, reader: string): Promise<Date | null> {
    const [row] = await this.db
      .select({ readUntil: engagementMessageReads.readUntil })
      .from(engagementMessageReads)
      .where(and(eq(engagementMessageReads.engagementId, engagementId), eq(engagementMessageReads.reader, reader)));
    return row?.readUntil ?? null;
  }

  /** Messages after `since` written by another organisation than the reader's. */
  async countUnread(engagementId: string, readerOrg: string, since: Date | null): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(engagementMessages)
      .where(
        and(
          eq(engagementMessages.engagementId, engagementId),
          ne(engagementMessages.authorOrg, readerOrg),
          since ? gt(engagementMessages.createdAt, since) : undefined,
        ),
      );
    return row?.n ?? 0;
  }

  /** Read up to the newest message (or now, with none); the mark never moves back. */
  async markRead(tx: DbOrTx, engagementId: string, reader: string): Promise<Date> {
    const newest = sql`coalesce((select max(${engagementMessages.createdAt}) from ${engagementMessages} where ${engagementMessages.engagementId} = ${engagementId}), now())`;
    const [row] = await tx
      .insert(engagementMessageReads)
      .values({ engagementId, reader, readUntil: newest })
      .onConflictDoUpdate({
        target: [engagementMessageReads.engagementId, engagementMessageReads.reader],
        set: { readUntil: sql`greatest(${engagementMessageReads.readUntil}, excluded.read_until)` },
      })
      .returning({ readUntil: engagementMessageReads.readUntil });
    return row!.readUntil;
  }
}
