/**
 * A payment's state from the money facts alone, so events applied in any order, any number of
 * times, end in the same state: amounts only ever grow (cumulative totals, max-merged), and the
 * status is a function of them.
 */
export type PaymentStatus = 'pending' | 'succeeded' | 'partially_refunded' | 'refunded' | 'failed';

export interface PaymentFacts {
  amount: number;
  received: number;
  refunded: number;
  failed: boolean;
}

export function paymentStatus(facts: PaymentFacts): PaymentStatus {
  if (facts.refunded > 0 && facts.refunded >= Math.max(facts.received, facts.amount)) return 'refunded';
  if (facts.refunded > 0) return 'partially_refunded';
  if (facts.received >= facts.amount) return 'succeeded';
  return facts.failed ? 'failed' : 'pending';
}

/** Merges a report of cumulative totals into the facts: a repeat or a stale report changes nothing. */
export function mergeTotals(facts: PaymentFacts, report: { received?: number; refunded?: number; failed?: boolean }): PaymentFacts {
  return {
    amount: facts.amount,
    received: Math.max(facts.received, report.received ?? 0),
    refunded: Math.max(facts.refunded, report.refunded ?? 0),
    failed: facts.failed || (report.failed ?? false),
  };
}

/**
 * What the engagement becomes when its payment's facts change: money received in full starts
 * the work (even if part was refunded since); refunded in full before delivery cancels it.
 * Later states are left to delivery and disputes.
 */
export function engagementAfterPayment<S extends string>(status: S | 'in_progress' | 'cancelled', payment: PaymentStatus): S | 'in_progress' | 'cancelled' {
  if ((status === 'awaiting_payment' || status === 'in_progress') && payment === 'refunded') return 'cancelled';
  if (status === 'awaiting_payment' && (payment === 'succeeded' || payment === 'partially_refunded')) return 'in_progress';
  return status;
}
