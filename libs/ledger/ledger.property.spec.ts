import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { money } from '../money/index.js';
import {
  ACCOUNTS,
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

const amount = fc.integer({ min: 0, max: 5_000 }).map((n) => money(n, 'CNY'));
const key = fc.integer({ min: 0, max: 40 }).map((n) => `k${n}`);

/** Random operations, valid or not: overdrafts, key reuse and malformed postings included. */
const posting: fc.Arbitrary<Posting> = fc.oneof(
  fc.tuple(amount, key).map(([a, k]) => fund(a, k)),
  fc.tuple(amount, key).map(([a, k]) => reserve(a, k)),
  fc.tuple(amount, fc.constantFrom('reserved', 'committed' as const), key).map(([a, from, k]) => release(a, from, k)),
  fc.tuple(amount, key).map(([a, k]) => commit(a, k)),
  fc.tuple(amount, key).map(([a, k]) => approve(a, k)),
  fc.tuple(amount, key).map(([a, k]) => pay(a, k)),
  fc.record({
    idempotencyKey: key,
    currency: fc.constantFrom('CNY', 'USD'),
    moves: fc.array(fc.record({ from: fc.constantFrom(...ACCOUNTS), to: fc.constantFrom(...ACCOUNTS), amount: fc.integer({ min: -10, max: 5_000 }) }), {
      maxLength: 3,
    }),
  }),
);

/**
 * Issue-and-award sequences against an ample budget, keys unique within the sequence, so that
 * most are accepted whole and the replay property is exercised on real histories.
 */
const issueAndAward: fc.Arbitrary<Posting[]> = fc
  .array(fc.tuple(fc.constantFrom('reserve', 'commit', 'release', 'approve', 'pay'), amount), { maxLength: 30 })
  .map((ops) =>
    ops.flatMap(([op, a], i) => {
      const k = `op${i}`;
      if (op === 'reserve') return [reserve(a, k)];
      if (op === 'commit') return [reserve(a, `${k}-r`), commit(a, k)];
      if (op === 'release') return [reserve(a, `${k}-r`), release(a, 'reserved', k)];
      if (op === 'approve') return [reserve(a, `${k}-r`), commit(a, `${k}-c`), approve(a, k)];
      return [reserve(a, `${k}-r`), commit(a, `${k}-c`), approve(a, `${k}-a`), pay(a, k)];
    }),
  );
const funded = (() => {
  const result = applyPostings(emptyLedger('CNY'), [fund(money(1_000_000_000, 'CNY'), 'fund')]);
  if (!result.ok) throw new Error(result.reason);
  return result.balances;
})();

/** Applies each posting on its own, keeping the ledger as it was when one is refused. */
function applyEach(start: LedgerBalances, postings: readonly Posting[]): LedgerBalances {
  return postings.reduce((balances, p) => {
    const result = applyPostings(balances, [p]);
    return result.ok ? result.balances : balances;
  }, start);
}

const start = emptyLedger('CNY');
const sum = (b: LedgerBalances) => ACCOUNTS.reduce((total, a) => total + b.accounts[a], 0);

describe('ledger properties', () => {
  it('never breaks an invariant, whatever sequence of valid and invalid postings arrives', () => {
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 60 }), (postings) => {
        let balances = start;
        for (const p of postings) {
          balances = applyEach(balances, [p]);
          expect(ledgerViolations(balances)).toEqual([]);
        }
      }),
    );
  });

  it('conserves money: every accepted posting leaves the six signed balances summing to zero', () => {
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 60 }), (postings) => {
        expect(sum(applyEach(start, postings))).toBe(0);
        const view = ledgerView(applyEach(start, postings));
        const held = view.reserved.amount + view.committed.amount + view.approved.amount + view.paid.amount + view.available.amount;
        expect(held).toBe(view.budget.amount);
      }),
    );
  });

  it('gives the same balances when a sequence is applied twice with the same keys as when applied once', () => {
    fc.assert(
      fc.property(issueAndAward, (postings) => {
        const once = applyPostings(funded, postings);
        expect(once.ok).toBe(true);
        if (!once.ok) return;
        const twice = applyPostings(once.balances, postings);
        expect(twice.ok && twice.balances.accounts).toEqual(once.balances.accounts);
        expect(twice.ok && twice.balances.posted).toEqual(once.balances.posted);
      }),
    );
  });

  it('changes nothing when every accepted posting of a random history is delivered again', () => {
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 60 }), (postings) => {
        const accepted: Posting[] = [];
        const once = postings.reduce((balances, p) => {
          const result = applyPostings(balances, [p]);
          if (!result.ok) return balances;
          if (result.replayed.length === 0) accepted.push(p);
          return result.balances;
        }, start);
        // A refused posting left no trace, so only accepted ones are replays; their order does not matter.
        const again = applyPostings(once, [...accepted].reverse());
        expect(again).toMatchObject({ ok: true, replayed: accepted.map((p) => p.idempotencyKey).reverse() });
        expect(again.ok && again.balances.accounts).toEqual(once.accounts);
      }),
    );
  });

  it('restores the balances when reverse(p) follows an accepted p', () => {
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 40 }), posting, (history, p) => {
        const before = applyEach(start, history);
        const applied = applyPostings(before, [p]);
        fc.pre(applied.ok && applied.replayed.length === 0);
        if (!applied.ok) return;
        const undone = applyPostings(applied.balances, [reverse(p)]);
        expect(undone.ok).toBe(true);
        if (undone.ok) expect(undone.balances.accounts).toEqual(before.accounts);
      }),
    );
  });

  it('treats a list as one atomic step: it is accepted whole or changes nothing', () => {
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 20 }), fc.array(posting, { maxLength: 5 }), (history, batch) => {
        const before = applyEach(start, history);
        const result = applyPostings(before, batch);
        if (result.ok) expect(ledgerViolations(result.balances)).toEqual([]);
        else expect(result.code === 'budget_exhausted' || result.code === 'invalid_posting').toBe(true);
      }),
    );
  });
});
