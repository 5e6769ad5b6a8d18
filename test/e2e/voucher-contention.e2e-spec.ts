import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSql } from '../../src/db/database.js';
import { verifyLedger } from '../../src/modules/ledger/ledger-verify.js';
import { ExpiryService } from '../../src/modules/expiry/expiry.service.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { award, bidFrom, createProgram, issue, issueVoucher, ledgerOf, rmb } from '../factories/vouchers.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';

describe('vouchers under contention, and the ledger’s own defences', () => {
  let api: Api;
  let alliance: { id: string; manager: string };
  const sql = createSql(process.env.DATABASE_URL!, 4);

  beforeAll(async () => {
    // Correctness under a burst of 200, not latency: no caller is turned away as busy here
    // (abuse-contention.e2e-spec.ts covers the fast 503s).
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '0', DATABASE_ACQUIRE_TIMEOUT_MS: '120000', DATABASE_LOCK_TIMEOUT_MS: '120000' });
    alliance = await createAlliance(api, '临港专业服务机构联盟', ['pudong']);
  });
  afterAll(async () => {
    await api.close();
    await sql.end({ timeout: 5 });
  });

  it('200 simultaneous issues against a budget that fits 50: exactly 50 succeed, 150 get budget_exhausted', async () => {
    const face = rmb(10_000);
    const program = await createProgram(api, {
      district: 'pudong',
      budget: rmb(500_000),
      perVoucherCap: face,
      perEnterpriseCap: rmb(100_000_000),
      enterpriseRule: 'any',
    });
    const enterprise = await createEnterprise(api);
    const results = await Promise.all(Array.from({ length: 200 }, () => issue(api, program, enterprise.id, face)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'budget_exhausted')).toHaveLength(150);
    expect(await ledgerOf(api, program)).toMatchObject({ budget: rmb(500_000), reserved: rmb(500_000), available: rmb(0) });
    const listed = await api.http.get(`/v1/vouchers?programId=${program.id}&limit=100`).set(bearer(program.officer)).expect(200);
    expect(listed.body.data).toHaveLength(50);
    expect(await verifyLedger(sql)).toEqual([]);
  });

  it('two api processes grouping 200 issues for 40 enterprises at once: the budget and every group cap hold, no 5xx', async () => {
    // Each api groups its issues by programme (voucher_issue_batch); the two deadlock at times,
    // and Postgres rolls one back: a batch is then run item by item, a lone issue again.
    const second = await startApi({ RATE_LIMIT_PER_MINUTE: '0', DATABASE_ACQUIRE_TIMEOUT_MS: '120000', DATABASE_LOCK_TIMEOUT_MS: '120000' });
    try {
      const face = rmb(10_000);
      const program = await createProgram(api, {
        district: 'pudong',
        budget: rmb(500_000),
        perVoucherCap: face,
        perEnterpriseCap: rmb(30_000),
        enterpriseRule: 'any',
      });
      const enterprises: { id: string }[] = [];
      for (let i = 0; i < 40; i++) enterprises.push(await createEnterprise(api));
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => issue(i % 2 === 0 ? api : second, program, enterprises[i % 40]!.id, face)));
      expect(results.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([]);
      const issued = results.filter((r) => r.status === 201);
      expect(issued).toHaveLength(50);
      expect(results.filter((r) => r.status === 409 && ['budget_exhausted', 'cap_exceeded'].includes(r.body.code))).toHaveLength(150);
      const perEnterprise = new Map<string, number>();
      for (const r of issued) perEnterprise.set(r.body.enterpriseId, (perEnterprise.get(r.body.enterpriseId) ?? 0) + 1);
      expect(Math.max(...perEnterprise.values())).toBeLessThanOrEqual(3);
      expect(await ledgerOf(api, program)).toMatchObject({ budget: rmb(500_000), reserved: rmb(500_000), available: rmb(0) });
      expect(await verifyLedger(sql)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('concurrent awards spending one voucher: never more than its face value, one purchase at a time', async () => {
    const program = await createProgram(api, { district: 'pudong', providerRule: 'any_vetted', enterpriseRule: 'any' });
    const enterprise = await createEnterprise(api);
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(100_000));
    const countries = ['AD', 'LI', 'MC', 'SM', 'VA', 'MT'];
    const rounds = await Promise.all(
      countries.map((country) => bidFrom(api, alliance, enterprise, { country, district: 'pudong', price: rmb(200_000).amount })),
    );
    // Each purchase alone would take 60,000 (30% of 200,000); the voucher holds 100,000.
    const awards = await Promise.all(rounds.map((round) => award(api, enterprise, round, voucherId)));
    const won = awards.filter((r) => r.status === 201);
    expect(won.map((r) => r.body.subsidy.amount).sort((x, y) => x - y)).toEqual([rmb(40_000).amount, rmb(60_000).amount]);
    const refused = awards.filter((r) => r.status === 409);
    expect(refused).toHaveLength(4);
    expect(refused.every((r) => r.body.code === 'voucher_not_applicable')).toBe(true);
    const voucher = await api.http.get(`/v1/vouchers/${voucherId}`).set(bearer(enterprise.token)).expect(200);
    expect(voucher.body).toMatchObject({ status: 'used_up', used: rmb(100_000) });
    expect(await ledgerOf(api, program)).toMatchObject({ committed: rmb(100_000), reserved: rmb(0) });
    expect(await verifyLedger(sql)).toEqual([]);
  });

  it('releases vouchers past expiresAt on the expiry sweep', async () => {
    const program = await createProgram(api, { district: 'pudong', enterpriseRule: 'any' });
    const enterprise = await createEnterprise(api);
    const res = await issue(api, program, enterprise.id, rmb(20_000)).expect(201);
    // As if expiresAt had come: the stored end moved a second into the past, which the sweep
    // compares with the `now` it is given (a sweep in the future would expire other tests' vouchers).
    expect(await sql`update vouchers set expires_at = now() - interval '1 second' where id = ${res.body.id} returning id`).toHaveLength(1);
    const worker = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_voucher_expiry` });
    await worker
      .get(ExpiryService, { strict: false })
      .sweep(new Date())
      .finally(() => worker.close());
    // Another test's worker may sweep it first; the outcome is what counts.
    const voucher = await eventually(
      () =>
        api.http
          .get(`/v1/vouchers/${res.body.id}`)
          .set(bearer(enterprise.token))
          .then((r) => r.body),
      (body) => body.status === 'expired',
    );
    expect(voucher).toMatchObject({ status: 'expired', remaining: rmb(0) });
    expect(await ledgerOf(api, program)).toMatchObject({ reserved: rmb(0), available: rmb(10_000_000) });
  });

  it('refuses direct writes to balances, postings and moves, and an overdrawing posting', async () => {
    const program = await createProgram(api, { district: 'pudong' });
    await expect(sql`update ledger_accounts set balance = balance + 1 where program_id = ${program.id} and account = 'available'`).rejects.toThrow(
      /change only by postings/,
    );
    await expect(sql`delete from ledger_moves where program_id = ${program.id}`).rejects.toThrow(/append-only/);
    await expect(sql`update ledger_postings set kind = 'x' where program_id = ${program.id}`).rejects.toThrow(/append-only/);
    const overdraw = sql.begin(async (tx) => {
      const [posting] = await tx`insert into ledger_postings (program_id, idempotency_key, kind, currency, fingerprint)
        values (${program.id}, ${`test:${program.id}:overdraw`}, 'test', 'CNY', '') returning id`;
      await tx`insert into ledger_moves (posting_id, program_id, from_account, to_account, amount)
        values (${posting!.id}, ${program.id}, 'available', 'paid', ${rmb(10_000_001).amount})`;
    });
    await expect(overdraw).rejects.toThrow(/ledger_accounts_available_non_negative/);
    expect(await ledgerOf(api, program)).toMatchObject({ available: rmb(10_000_000), paid: rmb(0) });
  });

  it('ledger verification names the rows that break an invariant', async () => {
    const program = await createProgram(api, { district: 'pudong' });
    const rollback = new Error('rollback');
    const found = await sql
      .begin(async (tx) => {
        // Only a superuser with triggers off can do this; verify must still catch it.
        await tx`set local session_replication_role = replica`;
        await tx`update ledger_accounts set balance = balance - 5 where program_id = ${program.id} and account = 'available'`;
        const violations = await verifyLedger(tx);
        throw Object.assign(rollback, { violations });
      })
      .catch((error: Error & { violations?: Awaited<ReturnType<typeof verifyLedger>> }) => error.violations);
    expect(found!.map((v) => v.check)).toEqual([
      'accounts sum to zero (reserved + committed + approved + paid + available = budget)',
      'balances equal the sum of their moves',
    ]);
    expect(found![0]!.rows).toEqual([{ program_id: program.id, sum: '-5' }]);
    expect(await verifyLedger(sql)).toEqual([]);
  });
});
