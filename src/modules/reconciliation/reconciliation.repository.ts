import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { reconciliationRuns, settlementLines, settlements, type ReconciliationRunRow, type RunCounts } from '../../db/schema/reconciliation.js';
import type { OutcomeTotals, WalkCursor } from './batch.repository.js';

@Injectable()
export class ReconciliationRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** A new queued run, or the programme's active one (one at a time, by a partial unique index). */
  async queueRun(tx: DbOrTx, programId: string, trigger: string): Promise<{ run: ReconciliationRunRow; created: boolean }> {
    const [run] = await tx
      .insert(reconciliationRuns)
      .values({ programId, trigger })
      .onConflictDoNothing({ target: reconciliationRuns.programId, where: sql`status in ('queued', 'running')` })
      .returning();
    if (run) return { run, created: true };
    const [active] = await tx
      .select()
      .from(reconciliationRuns)
      .where(and(eq(reconciliationRuns.programId, programId), inArray(reconciliationRuns.status, ['queued', 'running'])));
    return { run: active!, created: false };
  }

  async findRun(id: string, tx: DbOrTx = this.db): Promise<ReconciliationRunRow | undefined> {
    const [row] = await tx.select().from(reconciliationRuns).where(eq(reconciliationRuns.id, id));
    return row;
  }

  async lockRun(tx: DbOrTx, id: string): Promise<ReconciliationRunRow | undefined> {
    const [row] = await tx.select().from(reconciliationRuns).where(eq(reconciliationRuns.id, id)).for('update');
    return row;
  }

  async updateRun(tx: DbOrTx, id: string, changes: Partial<typeof reconciliationRuns.$inferInsert>): Promise<void> {
    await tx.update(reconciliationRuns).set(changes).where(eq(reconciliationRuns.id, id));
  }

  /** After a batch: the cursor, counts and totals move in the batch's transaction. */
  async advanceRun(tx: DbOrTx, run: ReconciliationRunRow, cursor: WalkCursor, size: number, outcomes: readonly OutcomeTotals[]): Promise<void> {
    const counts: RunCounts = { ...run.counts };
    let approved = 0;
    let released = 0;
    for (const o of outcomes) {
      counts[o.outcome] += o.claims;
      if (o.outcome === 'held') continue;
      approved += o.approved;
      released += o.committed - o.approved;
    }
    await this.updateRun(tx, run.id, {
      cursor: cursor.id,
      cursorCreatedAt: new Date(cursor.createdAt),
      processed: run.processed + size,
      counts,
      approvedAmount: run.approvedAmount + approved,
      releasedAmount: run.releasedAmount + released,
    });
  }

  async runsOf(programId: string, limit = 50): Promise<ReconciliationRunRow[]> {
    return this.db
      .select()
      .from(reconciliationRuns)
      .where(eq(reconciliationRuns.programId, programId))
      .orderBy(desc(reconciliationRuns.createdAt))
      .limit(limit);
  }

  /** The run's settlement, empty; its batches add to it. Shown only once the run has ended. */
  async openSettlement(tx: DbOrTx, row: typeof settlements.$inferInsert): Promise<void> {
    await tx.insert(settlements).values(row).onConflictDoNothing();
  }

  /** A settlement its run filed nothing into is removed. */
  async dropEmptySettlement(tx: DbOrTx, id: string): Promise<void> {
    await tx.execute(sql`
      delete from ${settlements} s where s.id = ${id} and s.total = 0 and s.status = 'pending'
        and not exists (select 1 from ${settlementLines} l where l.settlement_id = s.id)`);
  }
}
