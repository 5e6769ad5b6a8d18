import { Inject, Injectable } from '@nestjs/common';
import { asc, inArray, isNull, lt } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx, Tx } from '../../db/database.js';
import { outbox, type OutboxRow } from '../../db/schema/outbox.js';

type NewOutboxRow = typeof outbox.$inferInsert;

/** The outbox table: rows written with the change that causes them, relayed, then deleted. */
@Injectable()
export class OutboxRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: NewOutboxRow): Promise<number> {
    const [inserted] = await tx.insert(outbox).values(row).returning({ id: outbox.id });
    return inserted!.id;
  }

  async insertMany(tx: DbOrTx, rows: NewOutboxRow[]): Promise<void> {
    await tx.insert(outbox).values(rows);
  }

  /** The oldest unrelayed rows, locked; rows another relay holds are skipped, not waited for. */
  lockUnrelayed(tx: Tx, limit: number): Promise<OutboxRow[]> {
    return tx.select().from(outbox).where(isNull(outbox.relayedAt)).orderBy(asc(outbox.id)).limit(limit).for('update', { skipLocked: true });
  }

  async markRelayed(tx: Tx, ids: number[]): Promise<void> {
    await tx.update(outbox).set({ relayedAt: new Date() }).where(inArray(outbox.id, ids));
  }

  /** Deletes up to `limit` rows relayed before `cutoff`, oldest first; returns how many went. */
  async deleteRelayedBefore(cutoff: Date, limit: number): Promise<number> {
    const due = this.db.select({ id: outbox.id }).from(outbox).where(lt(outbox.relayedAt, cutoff)).orderBy(asc(outbox.id)).limit(limit);
    const deleted = await this.db.delete(outbox).where(inArray(outbox.id, due)).returning({ id: outbox.id });
    return deleted.length;
  }
}
