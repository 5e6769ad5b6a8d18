import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import postgres from 'postgres';
import { expectedOutcome, generateCommitments } from '../../scripts/lib/bench/commitments.mjs';
import { migrateDatabase } from '../../src/db/migrate.js';
import { verifyLedger } from '../../src/modules/ledger/ledger-verify.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createProvider } from '../factories/providers.js';
import { ensureBuilt } from '../support/built-dist.js';
import { eventually, startApi, type Api } from '../support/harness.js';

jest.setTimeout(180_000);

const CLAIMS = 40_000;
const BATCH = 1000;
// Two lanes walked at once: the kill lands with both mid-walk, and each resumes from its own cursor.
const LANES = 2;

/**
 * A worker process killed with SIGKILL half-way through a large run. Its own database, so no
 * other test's worker can pick the job up: only the restarted worker can finish it.
 */
describe('reconciliation survives a killed worker', () => {
  const name = `${process.env.SEAWARD_TEST_DATABASE}_crash`;
  const url = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${name}` }).toString();
  const admin = postgres(process.env.SEAWARD_TEST_ADMIN_URL ?? process.env.DATABASE_URL!, { max: 1, onnotice: () => undefined });
  let sql: postgres.Sql;
  let api: Api;
  const workers: ChildProcess[] = [];
  const env = { DATABASE_URL: url, REDIS_PREFIX: `${process.env.REDIS_PREFIX}_crash` };

  const startWorkerProcess = () => {
    const child = spawn('node', ['dist/src/worker.js'], {
      env: { ...process.env, ...env, RECONCILIATION_BATCH: String(BATCH), RECONCILIATION_LANES: String(LANES), OUTBOX_POLL_MS: '50', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    ensureBuilt();
    await admin.unsafe(`create database "${name}"`);
    await migrateDatabase(url);
    sql = postgres(url, { max: 2, onnotice: () => undefined });
    api = await startApi(env);
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await api?.close();
    await sql?.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists "${name}" with (force)`).finally(() => admin.end());
  });

  it('resumes at the cursor after SIGKILL: the same totals, no duplicate postings or lines, ledger verified', async () => {
    const enterprise = await createEnterprise(api, { district: 'pudong' });
    const provider = await createProvider(api, { district: 'pudong' });
    const officer = await api.token('district_officer', 'pudong');
    const base = `http://127.0.0.1:${(api.app.getHttpServer().address() as { port: number }).port}`;
    const officerHeaders = { authorization: `Bearer ${officer}`, 'content-type': 'application/json' };
    const programId = await generateCommitments(sql, {
      base,
      officerHeaders,
      enterpriseId: enterprise.id,
      providerId: provider.id,
      groupKey: `${enterprise.body.uscc}`,
      count: CLAIMS,
    });

    const first = startWorkerProcess();
    const { runId } = (await api.http.post(`/v1/programs/${programId}/reconciliations`).set(bearer(officer)).expect(202)).body;
    const running = await eventually(
      () => sql`select processed, total, status from reconciliation_runs where id = ${runId}`.then((r) => r[0]!),
      (run) => run.processed >= 5_000,
      60_000,
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const [atKill] = await sql`select processed, status from reconciliation_runs where id = ${runId}`;
    expect(running.total).toBe(CLAIMS);
    expect(atKill!.status).toBe('running');
    expect(atKill!.processed).toBeLessThan(CLAIMS);
    const lanesAtKill = await sql`select lane, done, cursor is not null as moved from reconciliation_lanes where run_id = ${runId} order by lane`;
    expect(lanesAtKill).toEqual([
      { lane: 0, done: false, moved: true },
      { lane: 1, done: false, moved: true },
    ]);

    startWorkerProcess();
    const run = await eventually(
      () =>
        api.http
          .get(`/v1/reconciliations/${runId}`)
          .set(bearer(officer))
          .then((r) => r.body),
      (body) => body.status === 'completed',
      120_000,
    );
    const expected = expectedOutcome(CLAIMS);
    expect(run).toMatchObject({ status: 'completed', processed: CLAIMS, counts: expected.counts });
    expect(run.totals.approved).toBe(expected.approvedAmount);

    const [decisions] = await sql`select count(*)::int as n, count(distinct claim_id)::int as claims from reconciliation_decisions where run_id = ${runId}`;
    expect(decisions).toEqual({ n: CLAIMS, claims: CLAIMS });
    const lanes = await sql`select lane, done from reconciliation_lanes where run_id = ${runId} order by lane`;
    expect(lanes).toEqual([
      { lane: 0, done: true },
      { lane: 1, done: true },
    ]);
    // One posting per batch and outcome, each batch once: the moves add up to the run's totals.
    const [moves] = await sql`
      select coalesce(sum(m.amount) filter (where m.to_account = 'approved'), 0)::bigint as approved,
             coalesce(sum(m.amount) filter (where m.to_account = 'available'), 0)::bigint as released,
             count(distinct p.idempotency_key)::int as postings
      from ledger_postings p join ledger_moves m on m.posting_id = p.id
      where p.program_id = ${programId} and p.kind = 'reconciliation'`;
    expect(Number(moves!.approved)).toBe(expected.approvedAmount);
    expect(Number(moves!.released)).toBe(expected.releasedAmount);
    expect(run.totals).toEqual({ approved: expected.approvedAmount, released: expected.releasedAmount });
    // One posting per batch and outcome (at most three), each lane ending on a batch of its own.
    expect(moves!.postings).toBeLessThanOrEqual(3 * (Math.ceil(CLAIMS / BATCH) + LANES));
    const settlements =
      await sql`select s.total::bigint as total, (select count(*)::int from settlement_lines l where l.settlement_id = s.id) as lines from settlements s where s.program_id = ${programId}`;
    expect(settlements.map((s) => ({ total: Number(s.total), lines: s.lines }))).toEqual([{ total: expected.approvedAmount, lines: 1 }]);
    expect(await verifyLedger(sql)).toEqual([]);
  });
});
