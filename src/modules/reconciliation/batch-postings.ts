import type { Posting } from '../../../libs/ledger/index.js';
import type { OutcomeTotals } from './batch.repository.js';

/**
 * One posting per batch and outcome (the decisions keep the per-claim trail): approved money
 * moves committed → approved, released money committed → available. The key names the run and
 * the batch's last claim, so a batch replayed after a crash posts nothing twice.
 */
export function postingsOf(runId: string, lastClaimId: string, currency: string, outcomes: readonly OutcomeTotals[]): Posting[] {
  return outcomes.flatMap(({ outcome, committed, approved }) => {
    if (outcome === 'held') return [];
    const moves = [
      ...(approved > 0 ? [{ from: 'committed' as const, to: 'approved' as const, amount: approved }] : []),
      ...(committed > approved ? [{ from: 'committed' as const, to: 'available' as const, amount: committed - approved }] : []),
    ];
    return moves.length ? [{ idempotencyKey: `reconciliation:${runId}:${lastClaimId}:${outcome}`, currency, moves }] : [];
  });
}
