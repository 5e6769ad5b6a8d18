import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  engagementAfterDispute,
  engagementAfterPayment,
  mergeDispute,
  mergeTotals,
  paymentStatus,
  transition,
  type DisputeStatus,
  type PaymentFacts,
} from './index.js';

describe('transition', () => {
  it('walks the happy path, each step by its party', () => {
    expect(transition('in_progress', 'deliver', 'provider')).toEqual({ ok: true, status: 'delivered' });
    expect(transition('delivered', 'accept', 'enterprise')).toEqual({ ok: true, status: 'completed' });
    expect(transition('completed', 'rate', 'enterprise')).toEqual({ ok: true, status: 'completed' });
    expect(transition('awaiting_payment', 'cancel', 'provider')).toEqual({ ok: true, status: 'cancelled' });
    expect(transition('delivered', 'dispute', 'provider')).toEqual({ ok: true, status: 'disputed' });
  });

  it('refuses the wrong party as forbidden and the wrong state as a conflict', () => {
    expect(transition('in_progress', 'deliver', 'enterprise')).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(transition('delivered', 'accept', 'provider')).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(transition('awaiting_payment', 'deliver', 'provider')).toMatchObject({ ok: false, refusal: 'conflict' });
    expect(transition('in_progress', 'cancel', 'enterprise')).toMatchObject({ ok: false, refusal: 'conflict' });
    expect(transition('in_progress', 'rate', 'enterprise')).toMatchObject({ ok: false, refusal: 'conflict' });
    expect(transition('cancelled', 'dispute', 'enterprise')).toMatchObject({ ok: false, refusal: 'conflict' });
  });
});

describe('payment state', () => {
  const empty = (amount: number): PaymentFacts => ({ amount, received: 0, refunded: 0, failed: false });

  it('derives the status from the totals', () => {
    expect(paymentStatus(empty(100))).toBe('pending');
    expect(paymentStatus({ ...empty(100), failed: true })).toBe('failed');
    expect(paymentStatus({ ...empty(100), received: 100 })).toBe('succeeded');
    expect(paymentStatus({ ...empty(100), received: 100, refunded: 25 })).toBe('partially_refunded');
    expect(paymentStatus({ ...empty(100), received: 100, refunded: 100 })).toBe('refunded');
    expect(paymentStatus(empty(0))).toBe('succeeded');
  });

  it('moves the engagement: paid starts the work, a full refund before delivery cancels it', () => {
    expect(engagementAfterPayment('awaiting_payment', 'succeeded')).toBe('in_progress');
    expect(engagementAfterPayment('awaiting_payment', 'partially_refunded')).toBe('in_progress');
    expect(engagementAfterPayment('in_progress', 'refunded')).toBe('cancelled');
    expect(engagementAfterPayment('delivered', 'refunded')).toBe('delivered');
    expect(engagementAfterPayment('awaiting_payment', 'pending')).toBe('awaiting_payment');
  });

  it('ends in the same facts for any order and any repetition of the same reports', () => {
    const report = fc.record({ received: fc.nat({ max: 1000 }), refunded: fc.nat({ max: 1000 }), failed: fc.boolean() }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(report, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 16 }), (reports, picks) => {
        const inOrder = reports.reduce(mergeTotals, empty(500));
        const replayed = [...reports, ...picks.map((i) => reports[i % Math.max(1, reports.length)]).filter((r) => r !== undefined)];
        const shuffled = [...replayed].reverse().reduce(mergeTotals, empty(500));
        expect(shuffled).toEqual(inOrder);
      }),
    );
  });
});

describe('disputes', () => {
  it('only move forward, and return the engagement when the provider wins', () => {
    expect(mergeDispute(null, 'open')).toBe('open');
    expect(mergeDispute('open', 'won')).toBe('won');
    expect(mergeDispute('won', 'open')).toBe('won');
    expect(mergeDispute('lost', 'won')).toBe('lost');
    expect(engagementAfterDispute('delivered', 'open')).toBe('disputed');
    expect(engagementAfterDispute('delivered', 'won')).toBe('delivered');
    expect(engagementAfterDispute('delivered', 'lost')).toBe('cancelled');
  });

  it('closes the same way in any order of its reports', () => {
    const status = fc.constantFrom<DisputeStatus>('open', 'won', 'lost');
    fc.assert(
      fc.property(fc.array(status, { minLength: 1, maxLength: 6 }), (reports) => {
        const closing = reports.find((r) => r !== 'open');
        // At most one closing outcome per dispute, as Stripe sends: the final state is it (or open).
        const one = reports.map((r) => (r === 'open' ? r : closing!));
        const forward = one.reduce<DisputeStatus | null>(mergeDispute, null);
        const backward = [...one].reverse().reduce<DisputeStatus | null>(mergeDispute, null);
        expect(forward).toBe(closing ?? 'open');
        expect(backward).toBe(forward);
      }),
    );
  });
});
