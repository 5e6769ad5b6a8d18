import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import {
  reconciliationDecisions,
  reconciliationRuns,
  settlementLines,
  settlements,
  type ReconciliationRunRow,
  type RunCounts,
  type SettlementRow,
} from '../../db/schema/index.js';
import type { Decided } from './decide-batch.js';

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
    const [active] = await tx.select().from(reconciliationRuns).where(and(eq(reconciliationRuns.programId, programId), inArray(reconciliationRuns.status, ['queued', 'running'])));
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

  /** Records a batch's decisions and moves the run's cursor, counts and totals with them. */
  async recordBatch(tx: DbOrTx, run: ReconciliationRunRow, decided: Decided[]): Promise<void> {
    if (decided.length === 0) return;
    const rows = decided.map(({ claim, decision }) => ({ c: claim.id, o: decision.outcome, r: decision.reason, m: claim.amount, a: decision.approvedAmount.amount }));
    await tx.execute(sql`
      insert into ${reconciliationDecisions} (run_id, claim_id, outcome, reason, committed, approved)
      select ${run.id}::uuid, c, o, r, m, a from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(c uuid, o text, r text, m bigint, a bigint)
      on conflict do nothing`);
    const counts: RunCounts = { ...run.counts };
    let approved = 0;
    let released = 0;
    for (const { claim, decision } of decided) {
      counts[decision.outcome]++;
      if (decision.outcome === 'held') continue;
      approved += decision.approvedAmount.amount;
      released += claim.amount - decision.approvedAmount.amount;
    }
    await this.updateRun(tx, run.id, {
      cursor: decided.at(-1)!.claim.id,
      processed: run.processed + decided.length,
      counts,
      approvedAmount: run.approvedAmount + approved,
      releasedAmount: run.releasedAmount + released,
    });
  }

  async runsOf(programId: string, limit = 50): Promise<ReconciliationRunRow[]> {
    return this.db.select().from(reconciliationRuns).where(eq(reconciliationRuns.programId, programId)).orderBy(desc(reconciliationRuns.createdAt)).limit(limit);
  }

  async insertSettlement(tx: DbOrTx, row: typeof settlements.$inferInsert, lines: (typeof settlementLines.$inferInsert)[]): Promise<void> {
    await tx.insert(settlements).values(row);
    for (let i = 0; i < lines.length; i += 1000) await tx.insert(settlementLines).values(lines.slice(i, i + 1000));
  }

  async settlementOfRun(tx: DbOrTx, runId: string): Promise<SettlementRow | undefined> {
    const [row] = await tx.select().from(settlements).where(eq(settlements.runId, runId));
    return row;
  }

  async findSettlement(id: string): Promise<SettlementRow | undefined> {
    const [row] = await this.db.select().from(settlements).where(eq(settlements.id, id));
    return row;
  }

  async lockSettlement(tx: DbOrTx, id: string): Promise<SettlementRow | undefined> {
    const [row] = await tx.select().from(settlements).where(eq(settlements.id, id)).for('update');
    return row;
  }

  async markSettlementPaid(tx: DbOrTx, id: string, paidAt: Date, reference: string): Promise<SettlementRow> {
    const [row] = await tx.update(settlements).set({ status: 'paid', paidAt, reference }).where(eq(settlements.id, id)).returning();
    return row!;
  }

  async linesOf(settlementId: string) {
    return this.db.select().from(settlementLines).where(eq(settlementLines.settlementId, settlementId)).orderBy(asc(settlementLines.payeeType), asc(settlementLines.payeeId));
  }

  async settlementsOf(programId: string): Promise<SettlementRow[]> {
    return this.db.select().from(settlements).where(eq(settlements.programId, programId)).orderBy(desc(settlements.createdAt)).limit(100);
  }
}
