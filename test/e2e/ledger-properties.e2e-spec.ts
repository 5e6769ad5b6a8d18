import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import postgres from 'postgres';
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
  type LedgerErrorCode,
  type Posting,
} from '../../libs/ledger/index.js';
import { money } from '../../libs/money/index.js';
import { createDb, createSql } from '../../src/db/database.js';
import { LedgerRepository } from '../../src/modules/ledger/ledger.repository.js';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { LEDGER_CHECKS, verifyLedger } from '../../src/modules/ledger/ledger-verify.js';
import { CHECK_VIOLATION, pgErrorOf } from '../../src/db/pg-error.js';
import { migrateDatabase } from '../../src/db/migrate.js';

/**
 * The production ledger — LedgerService, its SQL and migration 0011's triggers and checks on
 * Postgres — run with generated posting sequences and compared with libs/ledger's model
 * (applyPostings): the same postings accepted and refused, the same balances after.
 */
describe('the ledger on Postgres behaves as its model', () => {
  // A database of this file's own: its programmes have ledgers without vouchers, claims or a
  // funded budget, which ledger:verify's cross-checks rightly report, and other files verify the
  // whole of the run's database.
  const database = `${process.env.SEAWARD_TEST_DATABASE}_ledger_properties`;
  const admin = postgres(process.env.SEAWARD_TEST_ADMIN_URL ?? process.env.DATABASE_URL!, { max: 1, onnotice: () => undefined });
  let sqlClient: ReturnType<typeof createSql>;
  let db: ReturnType<typeof createDb>;
  let ledger: LedgerService;
  const district = `ledger-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    await admin.unsafe(`create database "${database}"`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${database}`;
    await migrateDatabase(url.toString());
    sqlClient = createSql(url.toString(), 20);
    db = createDb(sqlClient);
    ledger = new LedgerService(new LedgerRepository(db));
  });
  afterAll(async () => {
    await sqlClient?.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists "${database}" with (force)`).finally(() => admin.end());
  });

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

  /**
   * Posts in a transaction of its own: 'committed', or the refusal's reason as the model names it
   * (libs/ledger's LedgerErrorCode). Anything else thrown (a deadlock, a timeout, a refusal by the
   * wrong constraint) fails the test: only the refusals the model predicts count as refusals.
   */
  const post = (programId: string, p: Posting): Promise<'committed' | LedgerErrorCode> =>
    db
      .transaction((tx) => ledger.post(tx, programId, 'property', p))
      .then(
        () => 'committed' as const,
        (error: unknown) => {
          const { code, constraint } = pgErrorOf(error);
          // The COMMIT's check of the account the posting overdrew (the API's 409 budget_exhausted).
          if (code === CHECK_VIOLATION && constraint === 'ledger_accounts_available_non_negative') return 'budget_exhausted' as const;
          if (code === CHECK_VIOLATION && constraint === 'ledger_accounts_holding_non_negative') return 'invalid_posting' as const;
          if (error instanceof Error && /already used for a different posting/.test(error.message)) return 'invalid_posting' as const;
          throw error;
        },
      );

  /**
   * ledger:verify's checks that concern the ledger alone, over every programme of this file's
   * database. The others compare the ledger with vouchers, claims and the programme's budget
   * column, which postings made straight to the ledger, as here, do not write.
   */
  const LEDGER_ONLY = new Set([
    'accounts sum to zero (reserved + committed + approved + paid + available = budget)',
    'no holding account below zero, budget never positive',
    'every programme has its six accounts',
    'balances equal the sum of their moves',
  ]);
  const ledgerViolations = async () => {
    expect(LEDGER_CHECKS.filter((check) => LEDGER_ONLY.has(check))).toHaveLength(LEDGER_ONLY.size);
    const [{ programs }] = await sqlClient`select count(*)::int as programs from programs`;
    expect(programs).toBeGreaterThan(0);
    return (await verifyLedger(sqlClient)).filter((v) => LEDGER_ONLY.has(v.check));
  };

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
          expect({ key: p.idempotencyKey, moves: p.moves, outcome: await post(programId, p) }).toEqual({
            key: p.idempotencyKey,
            moves: p.moves,
            outcome: expected.ok ? 'committed' : expected.code,
          });
          if (expected.ok) model = expected.balances;
        }
        expect(await balancesOf(programId)).toEqual(Object.fromEntries(ACCOUNTS.map((a) => [a, model.accounts[a]])));
      }),
      { numRuns: 25 },
    );
    expect(await ledgerViolations()).toEqual([]);
  });

  it('lets exactly as many concurrent reserves through as the budget holds, and a replayed key moves money once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1_000 }), async (fits, callers, face) => {
        const programId = await openProgram(fits * face);
        if (fits > 0) expect(await post(programId, fund(money(fits * face, 'CNY'), `${programId}:fund`))).toBe('committed');
        const reserves = Array.from({ length: callers }, (_, i) => reserve(money(face, 'CNY'), `${programId}:reserve:${i}`));
        const outcomes = await Promise.all(reserves.map((p) => post(programId, p)));
        const accepted = outcomes.filter((o) => o === 'committed').length;
        expect(accepted).toBe(Math.min(fits, callers));
        // The rest were refused for the budget, not for a deadlock or a timeout.
        expect(outcomes.filter((o) => o !== 'committed')).toEqual(Array(callers - accepted).fill('budget_exhausted'));
        const first = reserves[outcomes.indexOf('committed')];
        if (first) {
          // An accepted posting again, four at once: each is a replay and moves nothing more;
          // its key with other moves is refused.
          expect(await Promise.all(Array.from({ length: 4 }, () => post(programId, first)))).toEqual(Array(4).fill('committed'));
          expect(await post(programId, reserve(money(face + 1, 'CNY'), first.idempotencyKey))).toBe('invalid_posting');
        }
        const model = applyPostings(emptyLedger('CNY'), [...(fits > 0 ? [fund(money(fits * face, 'CNY'), 'fund')] : []), ...reserves.slice(0, accepted)]);
        if (!model.ok) throw new Error(model.reason);
        expect(await balancesOf(programId)).toEqual(Object.fromEntries(ACCOUNTS.map((a) => [a, model.balances.accounts[a]])));
      }),
      { numRuns: 15 },
    );
    expect(await ledgerViolations()).toEqual([]);
  });
});
