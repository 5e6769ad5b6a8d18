import type { ReconciliationRunRow } from '../../db/schema/reconciliation.js';

export function toRunView(run: ReconciliationRunRow) {
  return {
    id: run.id,
    programId: run.programId,
    status: run.status,
    trigger: run.trigger,
    progress: run.total === 0 ? (run.status === 'completed' ? 1 : 0) : Math.min(1, run.processed / run.total),
    processed: run.processed,
    total: run.total,
    counts: run.counts,
    totals: { approved: run.approvedAmount, released: run.releasedAmount },
    anomalies: run.anomalies as { kind: string; detail: Record<string, unknown> }[],
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
