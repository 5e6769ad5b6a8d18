import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expectedOutcome, generateCommitments } from './commitments.mjs';

const NAIVE_SAMPLE = 2_000;

/**
 * Reconciliation throughput: a run over generated commitments in a worker process of its own
 * (its peak RSS read from /proc), beside a naive baseline deciding one row at a time with a
 * round trip per statement, measured on a sample and scaled to the same count.
 */
export async function benchReconciliation({ root, base, sql, token, env }) {
  const { decideCommitment } = await import(`${root}/dist/libs/subsidy/index.js`);
  const officer = { authorization: `Bearer ${await token('district_officer', 'pudong')}`, 'content-type': 'application/json' };
  const enterpriseId = crypto.randomUUID();
  await sql`insert into enterprises (id, name, uscc, district, sector, sme) values (${enterpriseId}, 'Bench 对账企业', '91310115MA1K4RECON', 'pudong', '38', false) on conflict do nothing`;
  const [provider] = await sql`select id from providers limit 1`;
  const parties = { base, officerHeaders: officer, enterpriseId, providerId: provider.id, groupKey: '91310115MA1K4RECON' };

  console.log('Reconciliation (budget: 1,000,000 commitments ≤ 30 s incl. postings and settlement lines, worker RSS ≤ 512 MB, ≥ 50× the naive baseline)\n');
  const naivePerRow = await naiveBaseline(sql, decideCommitment, await generateCommitments(sql, { ...parties, count: NAIVE_SAMPLE }));
  for (const count of [100_000, 1_000_000]) {
    const generatedAt = performance.now();
    const programId = await generateCommitments(sql, { ...parties, count });
    const generated = ((performance.now() - generatedAt) / 1000).toFixed(0);
    const worker = spawn('node', ['dist/src/worker.js'], { cwd: root, env: { ...env, REDIS_PREFIX: `seaward_bench_recon_${count}` }, stdio: ['ignore', 'ignore', 'inherit'] });
    let peakKb = 0;
    const sampler = setInterval(() => (peakKb = Math.max(peakKb, residentKb(worker.pid))), 200);
    try {
      const res = await fetch(`${base}/v1/programs/${programId}/reconciliations`, { method: 'POST', headers: officer });
      const { runId } = await res.json();
      let run;
      do {
        await new Promise((resolve) => setTimeout(resolve, 250));
        [run] = await sql`select status, processed, counts, approved_amount, extract(epoch from finished_at - started_at) as seconds from reconciliation_runs where id = ${runId}`;
      } while (run.status !== 'completed' && run.status !== 'failed');
      const seconds = Number(run.seconds);
      const expected = expectedOutcome(count);
      const exact = Object.entries(expected.counts).every(([k, v]) => run.counts[k] === v) && Number(run.approved_amount) === expected.approvedAmount;
      const naive = naivePerRow * count;
      console.log(
        `${count.toLocaleString().padStart(9)} commitments: ${seconds.toFixed(1)} s (${Math.round(count / seconds).toLocaleString()}/s), worker peak RSS ${Math.round(peakKb / 1024)} MB, ` +
          `naive baseline ${naive.toFixed(0)} s (${(naivePerRow * 1000).toFixed(2)} ms/row on ${NAIVE_SAMPLE.toLocaleString()}) → ${(naive / seconds).toFixed(0)}× faster; ` +
          `${run.status}, totals ${exact ? 'as expected' : 'NOT as expected ' + JSON.stringify(run.counts)} (generated in ${generated} s)`,
      );
    } finally {
      clearInterval(sampler);
      worker.kill('SIGTERM');
    }
  }
  console.log('');
}

function residentKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

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
      const m = (amount) => ({ amount: Number(amount), currency: 'CNY' });
      const decision = decideCommitment({
        award: { price: m(claim.price), rateBps: program.rate_bps, perVoucherCap: m(program.per_voucher_cap), perEnterpriseCap: m(program.per_enterprise_cap), voucherRemaining: m(claim.amount), groupUsed: m(0) },
        committed: m(claim.amount),
        cancelled: engagement.status === 'cancelled',
        paidInFull: Number(payment.received) >= Number(payment.amount),
        accepted: engagement.accepted_at !== null,
        refunded: m(payment.refunded),
        dispute: 'none',
        providerEligibleAtAward: true,
        claimedElsewhere: false,
      });
      await tx`insert into reconciliation_decisions (run_id, claim_id, outcome, reason, committed, approved) values (${run.id}, ${id}, ${decision.outcome}, ${decision.reason}, ${claim.amount}, ${decision.approvedAmount.amount})`;
      if (decision.outcome === 'held') return;
      const approved = decision.approvedAmount.amount;
      await tx`update subsidy_claims set status = ${decision.outcome === 'rejected' ? 'rejected' : 'approved'}, approved_amount = ${decision.outcome === 'rejected' ? null : approved} where id = ${id}`;
      await tx`update subsidy_group_usage set granted = granted - ${Number(claim.amount) - approved} where program_id = ${programId} and group_key = ${claim.group_key}`;
      const [posting] = await tx`insert into ledger_postings (program_id, idempotency_key, kind, currency, fingerprint) values (${programId}, ${`naive:${id}`}, 'reconciliation', 'CNY', '') returning id`;
      if (approved > 0) await tx`insert into ledger_moves (posting_id, program_id, from_account, to_account, amount) values (${posting.id}, ${programId}, 'committed', 'approved', ${approved})`;
      if (Number(claim.amount) > approved) await tx`insert into ledger_moves (posting_id, program_id, from_account, to_account, amount) values (${posting.id}, ${programId}, 'committed', 'available', ${Number(claim.amount) - approved})`;
    });
  }
  return (performance.now() - started) / 1000 / claims.length;
}
