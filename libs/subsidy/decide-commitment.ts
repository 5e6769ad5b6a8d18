import { minMoney, money, type Money } from '../money/index.js';
import { computeSubsidy, type SubsidyInput } from './compute-subsidy.js';

/**
 * The reconciliation decision for one committed subsidy (docs/api.md "Reconciliation outcomes", issue 8): a pure decision
 * table. Facts in, outcome and reason code out; the worker turns it into ledger postings.
 */
export type CommitmentOutcome = 'approved' | 'adjusted' | 'held' | 'rejected';

export type CommitmentReason =
  | 'paid_and_accepted'
  | 'partial_refund_unchanged'
  | 'partial_refund'
  | 'dispute_open'
  | 'not_paid'
  | 'not_accepted'
  | 'claimed_elsewhere'
  | 'provider_ineligible_at_award'
  | 'cancelled'
  | 'fully_refunded'
  | 'dispute_lost';

/** From the provider's side: `lost` means the enterprise's complaint was upheld. */
export type DisputeState = 'none' | 'open' | 'won' | 'lost';

export interface CommitmentFacts {
  /** The inputs computeSubsidy saw at award (price, rate, caps, voucher and group state then). */
  award: SubsidyInput;
  /** The subsidy committed at award. */
  committed: Money;
  cancelled: boolean;
  /** The enterprise's share (price − subsidy when the provider redeems, the full price when the enterprise is reimbursed) is paid. */
  paidInFull: boolean;
  accepted: boolean;
  /** Refunds, measured against the purchase price in both redemption modes. */
  refunded: Money;
  dispute: DisputeState;
  providerEligibleAtAward: boolean;
  /** The same purchase (engagement or invoice number) holds a subsidy in another programme. */
  claimedElsewhere: boolean;
}

export interface CommitmentDecision {
  outcome: CommitmentOutcome;
  reason: CommitmentReason;
  /** Approved amount: committed (approved), recomputed (adjusted), zero (held, rejected). */
  approvedAmount: Money;
}

/**
 * Precedence, first match wins. Rejections come before holds, so a purchase already known to
 * be void is released now rather than held for a payment that no longer matters; among them
 * claim integrity (double claim, ineligible award) comes before the purchase's own fate,
 * because that is what auditors must see. Holds come before adjustment: a partial refund is
 * only recomputed once the rest is paid, accepted and undisputed.
 */
export const DECISION_PRECEDENCE: readonly CommitmentReason[] = [
  'claimed_elsewhere',
  'provider_ineligible_at_award',
  'cancelled',
  'fully_refunded',
  'dispute_lost',
  'dispute_open',
  'not_paid',
  'not_accepted',
  'partial_refund',
  'partial_refund_unchanged',
  'paid_and_accepted',
];

function validate(facts: CommitmentFacts): string {
  const currency = facts.award.price.currency;
  for (const m of [facts.committed, facts.refunded]) {
    money(m.amount, m.currency);
    if (m.currency !== currency) throw new RangeError(`currency mismatch: ${currency} and ${m.currency}`);
  }
  if (facts.refunded.amount > facts.award.price.amount) {
    throw new RangeError(`refunded ${facts.refunded.amount} exceeds the price ${facts.award.price.amount}`);
  }
  return currency;
}

export function decideCommitment(facts: CommitmentFacts): CommitmentDecision {
  const currency = validate(facts);
  const none = money(0, currency);
  const reject = (reason: CommitmentReason): CommitmentDecision => ({ outcome: 'rejected', reason, approvedAmount: none });
  const hold = (reason: CommitmentReason): CommitmentDecision => ({ outcome: 'held', reason, approvedAmount: none });

  if (facts.claimedElsewhere) return reject('claimed_elsewhere');
  if (!facts.providerEligibleAtAward) return reject('provider_ineligible_at_award');
  if (facts.cancelled) return reject('cancelled');
  if (facts.refunded.amount > 0 && facts.refunded.amount === facts.award.price.amount) return reject('fully_refunded');
  if (facts.dispute === 'lost') return reject('dispute_lost');
  if (facts.dispute === 'open') return hold('dispute_open');
  if (!facts.paidInFull) return hold('not_paid');
  if (!facts.accepted) return hold('not_accepted');

  const committed = money(facts.committed.amount, currency);
  if (facts.refunded.amount > 0) {
    const netPrice = money(facts.award.price.amount - facts.refunded.amount, currency);
    // Same rate, caps and voucher/group state as at award, on the net price; never above what
    // was committed, whatever the award-time figures say.
    const recomputed = minMoney(computeSubsidy({ ...facts.award, price: netPrice }).subsidy, committed);
    return recomputed.amount < committed.amount
      ? { outcome: 'adjusted', reason: 'partial_refund', approvedAmount: recomputed }
      : { outcome: 'approved', reason: 'partial_refund_unchanged', approvedAmount: committed };
  }
  return { outcome: 'approved', reason: 'paid_and_accepted', approvedAmount: committed };
}
