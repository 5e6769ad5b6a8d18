import { describe, expect, it } from '@jest/globals';
import { money } from '../money/index.js';
import {
  applyPostings,
  approve,
  commit,
  emptyLedger,
  fund,
  ledgerView,
  ledgerViolations,
  pay,
  release,
  reserve,
  reverse,
  type LedgerBalances,
  type Posting,
} from './index.js';

const rmb = (yuan: number) => money(yuan * 100, 'CNY');

function post(balances: LedgerBalances, ...postings: Posting[]): LedgerBalances {
  const result = applyPostings(balances, postings);
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.balances;
}

const funded = post(emptyLedger('CNY'), fund(rmb(1_000_000), 'fund-1'));

describe('ledger postings', () => {
  it('walks a voucher from issue to payment, keeping every account non-negative and summing to the budget', () => {
    const after = post(
      funded,
      reserve(rmb(300_000), 'issue-v1'),
      commit(rmb(300_000), 'award-e1'),
      approve(rmb(225_000), 'approve-e1'),
      release(rmb(75_000), 'committed', 'adjust-e1'),
      pay(rmb(200_000), 'settle-s1'),
    );
    expect(ledgerView(after)).toEqual({
      budget: rmb(1_000_000),
      reserved: rmb(0),
      committed: rmb(0),
      approved: rmb(25_000),
      paid: rmb(200_000),
      available: rmb(775_000),
    });
    expect(ledgerViolations(after)).toEqual([]);
  });

  it('answers budget_exhausted when a voucher does not fit what is available', () => {
    const result = applyPostings(funded, [reserve(rmb(1_000_001), 'issue-big')]);
    expect(result).toEqual({ ok: false, code: 'budget_exhausted', reason: expect.stringContaining('available') });
  });

  it('refuses as invalid_posting a move of more than an account holds', () => {
    const result = applyPostings(funded, [commit(rmb(1), 'award-nothing-reserved')]);
    expect(result).toMatchObject({ ok: false, code: 'invalid_posting' });
  });

  it('applies a list all or nothing', () => {
    const result = applyPostings(funded, [reserve(rmb(10), 'ok'), reserve(rmb(2_000_000), 'too-big')]);
    expect(result.ok).toBe(false);
    expect(applyPostings(funded, [reserve(rmb(10), 'ok')]).ok).toBe(true);
  });

  it('changes nothing when a posting is replayed with the same key, and says so', () => {
    const once = post(funded, reserve(rmb(100), 'issue-v1'));
    const again = applyPostings(once, [reserve(rmb(100), 'issue-v1')]);
    expect(again).toMatchObject({ ok: true, replayed: ['issue-v1'] });
    expect(again.ok && again.balances.accounts).toEqual(once.accounts);
  });

  it('refuses a key reused for a different posting', () => {
    const once = post(funded, reserve(rmb(100), 'issue-v1'));
    expect(applyPostings(once, [reserve(rmb(101), 'issue-v1')])).toMatchObject({ ok: false, code: 'invalid_posting' });
  });

  it('corrects by reversal under a derived key, restoring the balances', () => {
    const p = reserve(rmb(100), 'issue-v1');
    const back = post(post(funded, p), reverse(p));
    expect(back.accounts).toEqual(funded.accounts);
    expect(reverse(p).idempotencyKey).toBe('issue-v1:reversal');
    expect(reverse(p).moves).toEqual([{ from: 'reserved', to: 'available', amount: 10_000 }]);
  });

  it.each<[string, Posting]>([
    ['another currency', { idempotencyKey: 'k', currency: 'USD', moves: [{ from: 'available', to: 'reserved', amount: 1 }] }],
    ['no moves', { idempotencyKey: 'k', currency: 'CNY', moves: [] }],
    ['an empty key', { idempotencyKey: '', currency: 'CNY', moves: [{ from: 'available', to: 'reserved', amount: 1 }] }],
    ['a move to the same account', { idempotencyKey: 'k', currency: 'CNY', moves: [{ from: 'reserved', to: 'reserved', amount: 1 }] }],
    ['a negative amount', { idempotencyKey: 'k', currency: 'CNY', moves: [{ from: 'available', to: 'reserved', amount: -1 }] }],
    ['a fractional amount', { idempotencyKey: 'k', currency: 'CNY', moves: [{ from: 'available', to: 'reserved', amount: 0.5 }] }],
    ['an unknown account', { idempotencyKey: 'k', currency: 'CNY', moves: [{ from: 'available', to: 'petty_cash' as never, amount: 1 }] }],
  ])('refuses as invalid_posting a posting with %s', (_label, p) => {
    expect(applyPostings(funded, [p])).toMatchObject({ ok: false, code: 'invalid_posting' });
  });

  it('throws RangeError from the constructors on impossible input', () => {
    expect(() => reserve({ amount: -1, currency: 'CNY' }, 'k')).toThrow(RangeError);
    expect(() => reserve(rmb(1), '')).toThrow(RangeError);
    expect(() => emptyLedger('cny')).toThrow(RangeError);
  });

  it('reports broken invariants in balances loaded from storage', () => {
    const broken: LedgerBalances = { ...funded, accounts: { ...funded.accounts, reserved: -5, available: 100_000_005 } };
    expect(ledgerViolations(broken)).toEqual([expect.stringContaining('reserved is -5')]);
    const unbalanced: LedgerBalances = { ...funded, accounts: { ...funded.accounts, paid: 1 } };
    expect(ledgerViolations(unbalanced)).toEqual([expect.stringContaining('budget = 100000000')]);
  });
});
