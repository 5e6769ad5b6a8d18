import type { Actor, SeawardClient } from './api-client.js';

export interface RunView {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  progress: number;
  counts: { approved: number; adjusted: number; held: number; rejected: number };
  totals: { approved: number; released: number };
  anomalies: { kind: string }[];
  error: string | null;
}

export interface SettlementView {
  id: string;
  runId: string;
  status: 'pending' | 'paid';
  total: { amount: number; currency: string };
  lines: { payeeType: string; payeeId: string; payeeName: string; engagements: number; amount: { amount: number } }[];
}

/** Asks for a run (202) and waits for the worker to finish it. */
export async function reconcile(client: SeawardClient, officer: Actor, programId: string, timeoutMs = 60_000): Promise<RunView> {
  const { runId } = await client.post<{ runId: string }>(officer, `/v1/programs/${programId}/reconciliations`, undefined, [202]);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await client.get<RunView>(officer, `/v1/reconciliations/${runId}`);
    if (run.status === 'completed') return run;
    if (run.status === 'failed') throw new Error(`reconciliation ${runId} failed: ${run.error}`);
    if (Date.now() > deadline) {
      throw new Error(`reconciliation ${runId} still ${run.status} after ${timeoutMs / 1000}s: is the worker running (./scripts/start runs it)?`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The settlement a run produced, if it approved anything not yet settled. */
export async function settlementOfRun(client: SeawardClient, officer: Actor, programId: string, runId: string): Promise<SettlementView | undefined> {
  const { data } = await client.get<{ data: { id: string; runId: string }[] }>(officer, `/v1/programs/${programId}/settlements`);
  const summary = data.find((s) => s.runId === runId);
  return summary && client.get<SettlementView>(officer, `/v1/settlements/${summary.id}`);
}

/** The settlement's line that pays for the engagement, found through the engagements sub-resource. */
export async function lineOf(client: SeawardClient, officer: Actor, settlement: SettlementView, engagementId: string) {
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${cursor}` : '?limit=100';
    const page: { data: { engagementId: string; payeeType: string; payeeId: string }[]; nextCursor: string | null } = await client.get(
      officer,
      `/v1/settlements/${settlement.id}/engagements${query}`,
    );
    const found = page.data.find((e) => e.engagementId === engagementId);
    if (found) return settlement.lines.find((l) => l.payeeType === found.payeeType && l.payeeId === found.payeeId);
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
}
