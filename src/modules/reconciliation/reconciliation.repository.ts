import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import {
  reconciliationLanes,
  reconciliationRuns,
  reconciliationSharedInvoices,
  settlementLines,
  settlements,
  type ReconciliationLaneRow,
  type ReconciliationRunRow,
  type RunCounts,
} from '../../db/schema/reconciliation.js';
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

  /** The invoices the run's batches found shared with another claim (BatchRepository.decide). */
  async sharedInvoices(tx: DbOrTx, runId: string): Promise<string[]> {
    const rows = await tx
      .select({ invoiceKey: reconciliationSharedInvoices.invoiceKey })
      .from(reconciliationSharedInvoices)
      .where(eq(reconciliationSharedInvoices.runId, runId));
    return rows.map((r) => r.invoiceKey);
  }

  async lockRun(tx: DbOrTx, id: string): Promise<ReconciliationRunRow | undefined> {
    const [row] = await tx.select().from(reconciliationRuns).where(eq(reconciliationRuns.id, id)).for('update');
    return row;
  }

  async updateRun(tx: DbOrTx, id: string, changes: Partial<typeof reconciliationRuns.$inferInsert>): Promise<void> {
    await tx.update(reconciliationRuns).set(changes).where(eq(reconciliationRuns.id, id));
  }

  /** The run's lanes, one row each, when it starts. */
  async openLanes(tx: DbOrTx, runId: string, lanes: number): Promise<void> {
    await tx
      .insert(reconciliationLanes)
      .values(Array.from({ length: lanes }, (_, lane) => ({ runId, lane, lanes })))
      .onConflictDoNothing();
  }

  async unfinishedLanes(runId: string): Promise<ReconciliationLaneRow[]> {
    return this.db
      .select()
      .from(reconciliationLanes)
      .where(and(eq(reconciliationLanes.runId, runId), eq(reconciliationLanes.done, false)))
      .orderBy(reconciliationLanes.lane);
  }

  /** Held to the end of the batch's transaction: one batch of a lane at a time, whatever the workers. */
  async lockLane(tx: DbOrTx, runId: string, lane: number): Promise<ReconciliationLaneRow | undefined> {
    const [row] = await tx
      .select()
      .from(reconciliationLanes)
      .where(and(eq(reconciliationLanes.runId, runId), eq(reconciliationLanes.lane, lane)))
      .for('update');
    return row;
  }

  /** After a batch: the lane's cursor (and whether it reached the end) moves in the batch's transaction. */
  async advanceLane(tx: DbOrTx, runId: string, lane: number, cursor: WalkCursor | null, done: boolean): Promise<void> {
    await tx
      .update(reconciliationLanes)
      .set({ ...(cursor ? { cursor: cursor.id, cursorCreatedAt: new Date(cursor.createdAt) } : {}), done })
      .where(and(eq(reconciliationLanes.runId, runId), eq(reconciliationLanes.lane, lane)));
  }

  /** The batch's counts and totals added to the run's, as increments: lanes add at the same time. */
  async addToRun(tx: DbOrTx, runId: string, size: number, outcomes: readonly OutcomeTotals[]): Promise<void> {
    const counts: RunCounts = { approved: 0, adjusted: 0, held: 0, rejected: 0 };
    let approved = 0;
    let released = 0;
    for (const o of outcomes) {
      counts[o.outcome] += o.claims;
      if (o.outcome === 'held') continue;
      approved += o.approved;
      released += o.committed - o.approved;
    }
    const plus = (name: keyof RunCounts) => sql`${name}::text, coalesce((${reconciliationRuns.counts}->>${name}::text)::int, 0) + ${counts[name]}::int`;
    await tx
      .update(reconciliationRuns)
      .set({
        processed: sql`${reconciliationRuns.processed} + ${size}`,
        counts: sql`jsonb_build_object(${plus('approved')}, ${plus('adjusted')}, ${plus('held')}, ${plus('rejected')})`,
        approvedAmount: sql`${reconciliationRuns.approvedAmount} + ${approved}`,
        releasedAmount: sql`${reconciliationRuns.releasedAmount} + ${released}`,
      })
      .where(eq(reconciliationRuns.id, runId));
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
