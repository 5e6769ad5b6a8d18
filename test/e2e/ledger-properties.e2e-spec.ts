import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  applyPostings,
  commit,
  approve,
  emptyLedger,
  fund,
  pay,
  release,
  reserve,
  ACCOUNTS,
  type LedgerBalances,
  type Posting,
} from '../../libs/ledger/index.js';
import { money } from '../../libs/money/index.js';
import { createDb, createSql } from '../../src/db/database.js';
import { LedgerRepository } from '../../src/modules/ledger/ledger.repository.js';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { verifyLedger } from '../../src/modules/ledger/ledger-verify.js';

/**
 * The production ledger — LedgerService, its SQL and migration 0011's triggers and checks on
 * Postgres — run with generated posting sequences and compared with libs/ledger's model
 * (applyPostings): the same postings accepted and refused, the same balances after.
 */
describe('the ledger on Postgres behaves as its model', () => {
  const sqlClient = createSql(process.env.DATABASE_URL!, 20);
  const db = createDb(sqlClient);
  const ledger = new LedgerService(new LedgerRepository(db));
  let district: string;

  beforeAll(() => {
    district = `ledger-${randomUUID().slice(0, 8)}`;
  });
  afterAll(() => sqlClient.end({ timeout: 5 }));

  /** A programme with its six accounts open at zero (its budget as given, funded by the test). */
  async function openProgram(budget: number): Promise<string> {
    const id = randomUUID();
    await sqlClient`
      insert into programs (id, district, name, policy_ref, currency, rate_bps, per_voucher_cap, per_enterprise_cap, budget, categories,
                            provider_rule, enterprise_rule, redemption, valid_from, valid_to)
      values (${id}, ${district}, 'Ledger properties', 'test', 'CNY', 3000, 1, 1, ${Math.max(1, budget)}, '{legal}',
              'any_vetted', 'any', 'provider', now(), now() + interval '1 day')`;
    await ledger.open(db, id, 'CNY');
    return id;
  }

  /** Posts in a transaction of its own; true when it committed. */
  const post = (programId: string, p: Posting) =>
    db
      .transaction((tx) => ledger.post(tx, programId, 'property', p))
      .then(
        () => true,
        () => false,
      );

  const balancesOf = async (programId: string) =>
    Object.fromEntries(
      (await sqlClient`select account, balance from ledger_accounts where program_id = ${programId}`).map((r) => [r.account, Number(r.balance)]),
    );

  const amount = fc.integer({ min: 0, max: 5_000 }).map((n) => money(n, 'CNY'));
  const key = fc.integer({ min: 0, max: 15 }).map((n) => `k${n}`);
  /** Well-formed postings, valid or not: overdrafts, holdings taken below zero, keys reused for other moves. */
  const posting: fc.Arbitrary<Posting> = fc.oneof(
    fc.tuple(amount, key).map(([a, k]) => fund(a, k)),
    fc.tuple(amount, key).map(([a, k]) => reserve(a, k)),
    fc.tuple(amount, fc.constantFrom('reserved' as const, 'committed' as const), key).map(([a, from, k]) => release(a, from, k)),
    fc.tuple(amount, key).map(([a, k]) => commit(a, k)),
    fc.tuple(amount, key).map(([a, k]) => approve(a, k)),
    fc.tuple(amount, key).map(([a, k]) => pay(a, k)),
  );

  it('accepts and refuses what the model does, posting by posting, and ends with its balances', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(posting, { minLength: 1, maxLength: 25 }), async (postings) => {
        const programId = await openProgram(1);
        // Keys are unique across programmes in the database: scope them to this one.
        const scoped = postings.map((p) => ({ ...p, idempotencyKey: `${programId}:${p.idempotencyKey}` }));
        let model: LedgerBalances = emptyLedger('CNY');
        for (const p of scoped) {
          const expected = applyPostings(model, [p]);
          expect({ key: p.idempotencyKey, moves: p.moves, committed: await post(programId, p) }).toEqual({
            key: p.idempotencyKey,
            moves: p.moves,
            committed: expected.ok,
          });
          if (expected.ok) model = expected.balances;
        }
        expect(await balancesOf(programId)).toEqual(Object.fromEntries(ACCOUNTS.map((a) => [a, model.accounts[a]])));
      }),
      { numRuns: 25 },
    );
  });

  it('lets exactly as many concurrent reserves through as the budget holds, and a replayed key moves money once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1_000 }), async (fits, callers, face) => {
        const programId = await openProgram(fits * face);
        if (fits > 0) expect(await post(programId, fund(money(fits * face, 'CNY'), `${programId}:fund`))).toBe(true);
        const reserves = Array.from({ length: callers }, (_, i) => reserve(money(face, 'CNY'), `${programId}:reserve:${i}`));
        const outcomes = await Promise.all(reserves.map((p) => post(programId, p)));
        const accepted = outcomes.filter(Boolean).length;
        expect(accepted).toBe(Math.min(fits, callers));
        const first = reserves[outcomes.indexOf(true)];
        if (first) {
          // An accepted posting again, four at once: each is a replay and moves nothing more;
          // its key with other moves is refused.
          expect(await Promise.all(Array.from({ length: 4 }, () => post(programId, first)))).toEqual([true, true, true, true]);
          expect(await post(programId, reserve(money(face + 1, 'CNY'), first.idempotencyKey))).toBe(false);
        }
        const model = applyPostings(emptyLedger('CNY'), [...(fits > 0 ? [fund(money(fits * face, 'CNY'), 'fund')] : []), ...reserves.slice(0, accepted)]);
        if (!model.ok) throw new Error(model.reason);
        expect(await balancesOf(programId)).toEqual(Object.fromEntries(ACCOUNTS.map((a) => [a, model.balances.accounts[a]])));
      }),
      { numRuns: 15 },
    );
    const violations = (await verifyLedger(sqlClient)).filter((v) => JSON.stringify(v.rows).includes(district));
    expect(violations).toEqual([]);
  });
});
