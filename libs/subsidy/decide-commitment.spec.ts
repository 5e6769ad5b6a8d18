import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { money } from '../money/index.js';
import { computeSubsidy, decideCommitment, DECISION_PRECEDENCE, type CommitmentFacts, type CommitmentReason } from './index.js';

const rmb = (yuan: number) => money(yuan * 100, 'CNY');
const zero = rmb(0);

/** A 100,000 RMB purchase at Xuhui's 30%, capped at 300,000: 30,000 committed. */
const award = {
  price: rmb(100_000),
  rateBps: 3000,
  perVoucherCap: rmb(300_000),
  perEnterpriseCap: rmb(300_000),
  voucherRemaining: rmb(300_000),
  groupUsed: zero,
};
const clean: CommitmentFacts = {
  award,
  committed: rmb(30_000),
  cancelled: false,
  paidInFull: true,
  accepted: true,
  refunded: zero,
  dispute: 'none',
  providerEligibleAtAward: true,
  claimedElsewhere: false,
};
const decide = (overrides: Partial<CommitmentFacts>) => decideCommitment({ ...clean, ...overrides });

describe('decideCommitment', () => {
  it('approves the committed amount of a purchase paid in full, accepted and eligible', () => {
    expect(decide({})).toEqual({ outcome: 'approved', reason: 'paid_and_accepted', approvedAmount: rmb(30_000) });
  });

  it('adjusts a 25% refund to the subsidy on the net paid amount', () => {
    expect(decide({ refunded: rmb(25_000) })).toEqual({ outcome: 'adjusted', reason: 'partial_refund', approvedAmount: rmb(22_500) });
  });

  it('approves unchanged a partial refund that leaves the capped subsidy where it was', () => {
    const capped = { ...award, price: rmb(1_200_000) };
    expect(decide({ award: capped, committed: rmb(300_000), refunded: rmb(100_000) })).toEqual({
      outcome: 'approved',
      reason: 'partial_refund_unchanged',
      approvedAmount: rmb(300_000),
    });
  });

  it.each<[Partial<CommitmentFacts>, CommitmentReason]>([
    [{ dispute: 'open' }, 'dispute_open'],
    [{ paidInFull: false }, 'not_paid'],
    [{ accepted: false }, 'not_accepted'],
  ])('holds %p with reason %s and approves nothing yet', (facts, reason) => {
    expect(decide(facts)).toEqual({ outcome: 'held', reason, approvedAmount: zero });
  });

  it.each<[Partial<CommitmentFacts>, CommitmentReason]>([
    [{ claimedElsewhere: true }, 'claimed_elsewhere'],
    [{ providerEligibleAtAward: false }, 'provider_ineligible_at_award'],
    [{ cancelled: true }, 'cancelled'],
    [{ refunded: rmb(100_000) }, 'fully_refunded'],
    [{ dispute: 'lost' }, 'dispute_lost'],
  ])('rejects %p with reason %s', (facts, reason) => {
    expect(decide(facts)).toEqual({ outcome: 'rejected', reason, approvedAmount: zero });
  });

  it('approves after a dispute the provider won', () => {
    expect(decide({ dispute: 'won' }).outcome).toBe('approved');
  });

  it('follows the documented precedence when several facts apply at once', () => {
    const everything: Partial<CommitmentFacts> = {
      claimedElsewhere: true,
      providerEligibleAtAward: false,
      cancelled: true,
      dispute: 'open',
      paidInFull: false,
      accepted: false,
      refunded: rmb(10_000),
    };
    expect(decide(everything).reason).toBe('claimed_elsewhere');
    expect(decide({ ...everything, claimedElsewhere: false }).reason).toBe('provider_ineligible_at_award');
    expect(decide({ cancelled: true, dispute: 'open' }).reason).toBe('cancelled');
    expect(decide({ refunded: rmb(100_000), dispute: 'lost' }).reason).toBe('fully_refunded');
    expect(decide({ dispute: 'lost', paidInFull: false }).reason).toBe('dispute_lost');
    expect(decide({ dispute: 'open', paidInFull: false, accepted: false }).reason).toBe('dispute_open');
    expect(decide({ paidInFull: false, accepted: false }).reason).toBe('not_paid');
    expect(decide({ accepted: false, refunded: rmb(10_000) }).reason).toBe('not_accepted');
    expect(DECISION_PRECEDENCE).toHaveLength(11);
  });

  it('refuses a refund above the price or in another currency', () => {
    expect(() => decide({ refunded: rmb(100_001) })).toThrow(RangeError);
    expect(() => decide({ refunded: money(1, 'USD') })).toThrow(RangeError);
  });

  const facts = fc
    .record({
      price: fc.integer({ min: 1, max: 1e12 }),
      rateBps: fc.integer({ min: 0, max: 10_000 }),
      cap: fc.integer({ min: 0, max: 1e12 }),
      voucher: fc.integer({ min: 0, max: 1e12 }),
      refundShare: fc.integer({ min: 0, max: 10_000 }),
      cancelled: fc.boolean(),
      paidInFull: fc.boolean(),
      accepted: fc.boolean(),
      dispute: fc.constantFrom('none', 'open', 'won', 'lost' as const),
      providerEligibleAtAward: fc.boolean(),
      claimedElsewhere: fc.boolean(),
    })
    .map((f): CommitmentFacts => {
      const a = { ...award, price: money(f.price, 'CNY'), rateBps: f.rateBps, perVoucherCap: money(f.cap, 'CNY'), voucherRemaining: money(f.voucher, 'CNY') };
      return {
        ...f,
        award: a,
        committed: computeSubsidy(a).subsidy,
        refunded: money(Math.floor((f.price * f.refundShare) / 10_000), 'CNY'),
      };
    });

  it('never approves more than was committed, and approves nothing unless approved or adjusted', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const d = decideCommitment(f);
        expect(d.approvedAmount.amount).toBeLessThanOrEqual(f.committed.amount);
        if (d.outcome === 'held' || d.outcome === 'rejected') expect(d.approvedAmount.amount).toBe(0);
        if (d.outcome === 'adjusted') expect(d.approvedAmount.amount).toBeLessThan(f.committed.amount);
        expect(DECISION_PRECEDENCE).toContain(d.reason);
      }),
    );
  });
});
