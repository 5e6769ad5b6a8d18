import { spawn } from 'node:child_process';
import { expectedOutcome, generateCommitments } from './commitments.mjs';
import { benchSettlement } from './settlement.mjs';
import { residentKb } from './resident.mjs';

const NAIVE_SAMPLE = 2_000;
const SIZES = (process.env.BENCH_RECONCILE_SIZES ?? '300000,1000000').split(',').map(Number);
const BATCHES = (process.env.BENCH_RECONCILE_BATCHES ?? '').split(',').filter(Boolean).map(Number);

/**
 * Reconciliation throughput: a run over generated commitments in a worker process of its own
 * (its peak RSS read from /proc), beside two baselines of the same run: the bare set-based
 * decide + update of the same rows (one statement, rolled back), and a naive baseline deciding
 * one row at a time with a round trip per statement, measured on a sample and scaled.
 * With BENCH_RECONCILE_BATCHES=1000,5000,… the smallest size is run once per batch size.
 */
export async function benchReconciliation(context) {
  const { root, base, sql, token } = context;
  const { decideCommitment } = await import(`${root}/dist/libs/subsidy/index.js`);
  const officer = { authorization: `Bearer ${await token('district_officer', 'pudong')}`, 'content-type': 'application/json' };
  const enterpriseId = crypto.randomUUID();
  await sql`insert into enterprises (id, name, uscc, district, sector, sme) values (${enterpriseId}, 'Bench 对账企业', '91310115MA1K4RECON', 'pudong', '38', false) on conflict do nothing`;
  const [provider] = await sql`select id from providers limit 1`;
  const parties = { base, officerHeaders: officer, enterpriseId, providerId: provider.id, groupKey: '91310115MA1K4RECON' };

  console.log('Reconciliation (budget: 1,000,000 commitments ≤ 30 s incl. postings and settlement lines, worker RSS ≤ 512 MB, ≥ 50× the naive baseline)\n');
  const naivePerRow = await naiveBaseline(sql, decideCommitment, await generateCommitments(sql, { ...parties, count: NAIVE_SAMPLE }));
  const runs = [...BATCHES.map((batch) => ({ count: SIZES[0], batch })), ...SIZES.map((count) => ({ count, batch: undefined }))];
  for (const { count, batch } of runs) {
    const generatedAt = performance.now();
    const programId = await generateCommitments(sql, { ...parties, count });
    const generated = ((performance.now() - generatedAt) / 1000).toFixed(0);
    // As a production database has them by the nightly run: vacuumed and analysed, so neither
    // measurement below shares the cores with autovacuum's catching up on a fresh bulk load, nor
    // with the checkpoint the load's gigabytes of WAL would start.
    await sql`vacuum analyze service_requests, bids, engagements, payments, subsidy_claims`;
    await sql`checkpoint`;
    const bare = await bareBaseline(sql, programId);
    const result = await reconcileWithWorker(context, officer, programId, count, batch);
    const naive = naivePerRow * count;
    const expected = expectedOutcome(count);
    const exact =
      Object.entries(expected.counts).every(([k, v]) => result.run.counts[k] === v) && Number(result.run.approved_amount) === expected.approvedAmount;
    console.log(
      `${count.toLocaleString().padStart(9)} commitments${batch ? ` (batch ${batch})` : ''}: ${result.seconds.toFixed(1)} s (${Math.round(count / result.seconds).toLocaleString()}/s), worker peak RSS ${Math.round(result.peakKb / 1024)} MB (no baseline: against its budget); ` +
        `bare set-based decide + update of the same rows ${bare.toFixed(1)} s (app/bare ${(result.seconds / bare).toFixed(1)}×); ` +
        `naive baseline ${naive.toFixed(0)} s (${(naivePerRow * 1000).toFixed(2)} ms/row on ${NAIVE_SAMPLE.toLocaleString()}) → ${(naive / result.seconds).toFixed(0)}× faster; ` +
        `${result.run.status}, totals ${exact ? 'exact' : 'NOT as expected ' + JSON.stringify(result.run.counts)} (generated in ${generated} s, with eligibility and invoice keys as awards record them)`,
    );
    if (!batch && count === Math.max(...SIZES)) await benchSettlement(context, officer, result.runId, count);
  }
  console.log('');
}

async function reconcileWithWorker({ root, base, sql, env }, officer, programId, count, batch) {
  // The earlier parts' notifications (tens of thousands: no worker runs beside the bench's api)
  // are dropped, not delivered by this worker while it is timed: a deployment's worker keeps up
  // with them as they come, and has no such backlog when the nightly run starts.
  await sql`delete from outbox where relayed_at is null and queue = 'notifications'`;
  const workerEnv = {
    ...env,
    REDIS_PREFIX: `${env.REDIS_PREFIX}_recon_${count}_${batch ?? 'default'}`,
    ...(batch ? { RECONCILIATION_BATCH: String(batch) } : {}),
  };
  const worker = spawn('node', ['dist/src/worker.js'], { cwd: root, env: workerEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  let peakKb = 0;
  const sampler = setInterval(() => (peakKb = Math.max(peakKb, residentKb(worker.pid))), 200);
  try {
    const res = await fetch(`${base}/v1/programs/${programId}/reconciliations`, { method: 'POST', headers: officer });
    const { runId } = await res.json();
    let run;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      [run] =
        await sql`select status, processed, counts, approved_amount, extract(epoch from finished_at - started_at) as seconds from reconciliation_runs where id = ${runId}`;
    } while (run.status !== 'completed' && run.status !== 'failed');
    return { runId, run, seconds: Number(run.seconds), peakKb };
  } finally {
    clearInterval(sampler);
    worker.kill('SIGTERM');
  }
}

/**
 * The bound the app is measured against: one statement deciding (reconciliation_decide, with the
 * same per-claim checks: the invoice claimed in another programme, the eligibility the award
 * recorded) and updating every committed claim of the programme, without the trail, postings or
 * settlement; rolled back, then vacuumed so the app's run finds the table as it was.
 */
async function bareBaseline(sql, programId) {
  const [program] = await sql`select * from programs where id = ${programId}`;
  const started = performance.now();
  await sql
    .begin(async (tx) => {
      await tx`
        update subsidy_claims c set status = case when x.outcome = 'rejected' then 'rejected' else 'approved' end,
               approved_amount = case when x.outcome = 'rejected' then null else x.approved end
        from (select c.id, d.outcome, d.approved
              from subsidy_claims c
              join engagements e on e.id = c.engagement_id
              join payments p on p.engagement_id = c.engagement_id
              -- A subquery of its own, as in the app's batch: with the sub-select among its
              -- arguments the planner would not inline the decision (8.5 s instead of 14 s at 300,000).
              cross join lateral (
                select c.invoice_key is not null and exists (
                  select 1 from subsidy_claims o
                  where o.invoice_key = c.invoice_key and o.program_id <> ${programId}::uuid and o.status <> 'rejected'
                    and (o.created_at, o.id) < (c.created_at, c.id)) as claimed_elsewhere
                offset 0) f
              cross join lateral reconciliation_decide(
                f.claimed_elsewhere,
                c.eligibility is null or (coalesce((c.eligibility->>'providerVetted')::boolean, false)
                                          and (c.eligibility->'providerCategories') @> to_jsonb(c.eligibility->>'category')),
                e.status = 'cancelled', least(p.refunded, c.price), c.price, coalesce(e.dispute_status, 'none'),
                                                       p.received >= p.amount, e.accepted_at is not null, c.amount, ${program.rate_bps}::int,
                                                       ${program.per_voucher_cap}::bigint, ${program.per_enterprise_cap}::bigint) d
              where c.program_id = ${programId} and c.status = 'committed') x
        where c.id = x.id and x.outcome <> 'held'`;
      throw new RollBack();
    })
    .catch((error) => {
      if (!(error instanceof RollBack)) throw error;
    });
  const seconds = (performance.now() - started) / 1000;
  // The rolled-back update leaves dead rows and a gigabyte of WAL: cleaned and checkpointed, so the
  // app's run starts from the table and the checkpoint state the bare statement started from.
  await sql`vacuum analyze subsidy_claims`;
  await sql`checkpoint`;
  return seconds;
}

class RollBack extends Error {}

/** One claim at a time: read its facts, decide, write decision, claim and posting, each a round trip. */
async function naiveBaseline(sql, decideCommitment, programId) {
  const [program] = await sql`select * from programs where id = ${programId}`;
  const [run] = await sql`insert into reconciliation_runs (program_id, trigger, status) values (${programId}, 'bench-naive', 'running') returning id`;
  const claims = await sql`select id from subsidy_claims where program_id = ${programId} and status = 'committed'`;
  const started = performance.now();
  for (const { id } of claims) {
    await sql.begin(async (tx) => {
      const [claim] = await tx`select * from subsidy_claims where id = ${id} for update`;
      const [engagement] = await tx`select * from engagements where id = ${claim.engagement_id}`;
      const [payment] = await tx`select * from payments where engagement_id = ${claim.engagement_id}`;
      const [elsewhere] = claim.invoice_key
        ? await tx`select exists (select 1 from subsidy_claims o where o.invoice_key = ${claim.invoice_key} and o.program_id <> ${programId}
                     and o.status <> 'rejected' and (o.created_at, o.id) < (${claim.created_at}, ${id})) as found`
        : [{ found: false }];
      const facts = claim.eligibility;
      const m = (amount) => ({ amount: Number(amount), currency: 'CNY' });
      const decision = decideCommitment({
        award: {
          price: m(claim.price),
          rateBps: program.rate_bps,
          perVoucherCap: m(program.per_voucher_cap),
          perEnterpriseCap: m(program.per_enterprise_cap),
          voucherRemaining: m(claim.amount),
          groupUsed: m(0),
        },
        committed: m(claim.amount),
        cancelled: engagement.status === 'cancelled',
        paidInFull: Number(payment.received) >= Number(payment.amount),
        accepted: engagement.accepted_at !== null,
        refunded: m(payment.refunded),
        dispute: 'none',
        providerEligibleAtAward: !facts || (facts.providerVetted === true && facts.providerCategories.includes(facts.category)),
        claimedElsewhere: elsewhere.found,
      });
      await tx`insert into reconciliation_decisions (run_id, claim_created_at, claim_id, outcome, reason, committed, approved) values (${run.id}, ${claim.created_at}, ${id}, ${decision.outcome}, ${decision.reason}, ${claim.amount}, ${decision.approvedAmount.amount})`;
      if (decision.outcome === 'held') return;
      const approved = decision.approvedAmount.amount;
      await tx`update subsidy_claims set status = ${decision.outcome === 'rejected' ? 'rejected' : 'approved'}, approved_amount = ${decision.outcome === 'rejected' ? null : approved} where id = ${id}`;
      await tx`update subsidy_group_usage set granted = granted - ${Number(claim.amount) - approved} where program_id = ${programId} and group_key = ${claim.group_key}`;
      const [posting] =
        await tx`insert into ledger_postings (program_id, idempotency_key, kind, currency, fingerprint) values (${programId}, ${`naive:${id}`}, 'reconciliation', 'CNY', '') returning id`;
      if (approved > 0)
        await tx`insert into ledger_moves (posting_id, program_id, from_account, to_account, amount) values (${posting.id}, ${programId}, 'committed', 'approved', ${approved})`;
      if (Number(claim.amount) > approved)
        await tx`insert into ledger_moves (posting_id, program_id, from_account, to_account, amount) values (${posting.id}, ${programId}, 'committed', 'available', ${Number(claim.amount) - approved})`;
    });
  }
  return (performance.now() - started) / 1000 / claims.length;
}
