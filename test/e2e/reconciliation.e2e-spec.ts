import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSql } from '../../src/db/database.js';
import { verifyLedger } from '../../src/modules/ledger/ledger-verify.js';
import { act, awardedEngagement } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { createProgram, issueVoucher, ledgerOf, rmb } from '../factories/vouchers.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';

describe('reconciliation and settlement', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let alliance: { id: string; manager: string };
  let admin: string;
  const sql = createSql(process.env.DATABASE_URL!, 2);

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_recon` });
    alliance = await createAlliance(api, '徐汇静安联合服务联盟', ['xuhui', 'jingan']);
    admin = await api.token('admin', 'platform');
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sql.end({ timeout: 5 });
  });

  /** A purchase with a voucher, paid by bank transfer; delivered and accepted unless told otherwise. */
  async function purchase(
    program: { id: string; officer: string },
    country: string,
    price: number,
    options: { invoice?: string; accept?: boolean; provider?: { id: string; token: string } } = {},
  ) {
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(300_000));
    const deal = await awardedEngagement(api, alliance, { country, price, enterprise, voucherId });
    const { reference } = (await act(api, enterprise.token, deal.engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, deal.provider.token, deal.engagement.id, 'payments/confirm-transfer', { reference, amount: deal.engagement.enterpriseShare }).expect(200);
    await act(api, deal.provider.token, deal.engagement.id, 'deliver', options.invoice ? { invoiceNumber: options.invoice } : {}).expect(200);
    if (options.accept !== false) await act(api, enterprise.token, deal.engagement.id, 'accept').expect(200);
    return { ...deal, enterprise, voucherId };
  }

  async function reconcile(program: { id: string; officer: string }) {
    return runEnded(program, await queueRun(program));
  }

  async function queueRun(program: { id: string; officer: string }): Promise<string> {
    return (await api.http.post(`/v1/programs/${program.id}/reconciliations`).set(bearer(program.officer)).expect(202)).body.runId;
  }

  function runEnded(program: { id: string; officer: string }, runId: string) {
    return eventually(
      () =>
        api.http
          .get(`/v1/reconciliations/${runId}`)
          .set(bearer(program.officer))
          .then((r) => r.body),
      (run) => run.status === 'completed' || run.status === 'failed',
      20_000,
    );
  }

  it('approves a clean purchase, adjusts a 25% refund, holds an open dispute, and settles what it approved', async () => {
    const xuhui = await createProgram(api);
    const clean = await purchase(xuhui, 'AG', rmb(1_200_000).amount, { invoice: 'XH-0001' });
    const refunded = await purchase(xuhui, 'KN', rmb(800_000).amount, { invoice: 'XH-0002' });
    // 25% of the price refunded: 200,000 of the 560,000 paid; the subsidy is recomputed on 600,000.
    await act(api, refunded.provider.token, refunded.engagement.id, 'refunds', { amount: rmb(200_000) }).expect(200);
    const disputed = await purchase(xuhui, 'KM', rmb(500_000).amount, { accept: false });
    await act(api, disputed.enterprise.token, disputed.engagement.id, 'dispute', { reason: '报告缺章节 Report incomplete' }).expect(200);

    const run = await reconcile(xuhui);
    expect(run).toMatchObject({ status: 'completed', progress: 1, counts: { approved: 1, adjusted: 1, held: 1, rejected: 0 } });
    expect(run.totals).toEqual({ approved: rmb(300_000 + 180_000).amount, released: rmb(60_000).amount });
    expect(await ledgerOf(api, xuhui)).toMatchObject({
      committed: rmb(150_000),
      approved: rmb(480_000),
      available: rmb(10_000_000 - 300_000 * 3 + 60_000),
      reserved: rmb(60_000 + 150_000),
    });

    const settlements = await api.http.get(`/v1/programs/${xuhui.id}/settlements`).set(bearer(xuhui.officer)).expect(200);
    expect(settlements.body.data).toHaveLength(1);
    const settlementId = settlements.body.data[0].id as string;
    const settlement = await api.http.get(`/v1/settlements/${settlementId}`).set(bearer(xuhui.officer)).expect(200);
    expect(settlement.body).toMatchObject({ status: 'pending', total: rmb(480_000), runId: run.id });
    expect(settlement.body.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ payeeType: 'provider', payeeId: clean.provider.id, engagements: 1, amount: rmb(300_000) }),
        expect.objectContaining({ payeeType: 'provider', payeeId: refunded.provider.id, amount: rmb(180_000) }),
      ]),
    );
    const csv = await api.http.get(`/v1/settlements/${settlementId}`).set(bearer(xuhui.officer)).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.text.startsWith('\uFEFFpayeeType,payeeId,payeeName,engagements,amount,currency\r\n')).toBe(true);
    expect(csv.text).toContain(`provider,${clean.provider.id},沙特阿拉伯法律咨询有限公司 Riyadh Legal Partners,1,300000.00,CNY`);

    const outsider = await api.token('district_officer', 'minhang');
    await api.http.get(`/v1/settlements/${settlementId}`).set(bearer(outsider)).expect(404);
    await api.http.post(`/v1/programs/${xuhui.id}/reconciliations`).set(bearer(clean.enterprise.token)).expect(403);

    const paid = await api.http
      .post(`/v1/settlements/${settlementId}/confirm`)
      .set(bearer(xuhui.officer))
      .send({ paidAt: new Date().toISOString(), reference: 'XH-PAY-2026-11' })
      .expect(200);
    expect(paid.body.status).toBe('paid');
    await api.http
      .post(`/v1/settlements/${settlementId}/confirm`)
      .set(bearer(xuhui.officer))
      .send({ paidAt: new Date().toISOString(), reference: 'XH-PAY-2026-11' })
      .expect(200);
    await api.http
      .post(`/v1/settlements/${settlementId}/confirm`)
      .set(bearer(xuhui.officer))
      .send({ paidAt: new Date().toISOString(), reference: 'OTHER' })
      .expect(409);
    expect(await ledgerOf(api, xuhui)).toMatchObject({ approved: rmb(0), paid: rmb(480_000) });

    // Re-running changes nothing already decided or settled; the held purchase is still held.
    const again = await reconcile(xuhui);
    expect(again.counts).toEqual({ approved: 0, adjusted: 0, held: 1, rejected: 0 });
    expect((await api.http.get(`/v1/programs/${xuhui.id}/settlements`).set(bearer(xuhui.officer))).body.data).toHaveLength(1);
    expect(await ledgerOf(api, xuhui)).toMatchObject({ committed: rmb(150_000), paid: rmb(480_000) });

    // The dispute closes for the provider; the enterprise accepts; the next run approves it.
    await act(api, admin, disputed.engagement.id, 'dispute/resolve', { outcome: 'won' }).expect(200);
    await act(api, disputed.enterprise.token, disputed.engagement.id, 'accept').expect(200);
    const third = await reconcile(xuhui);
    expect(third.counts).toEqual({ approved: 1, adjusted: 0, held: 0, rejected: 0 });
    expect(await verifyLedger(sql)).toEqual([]);
  });

  it('runs one reconciliation per programme at a time, however many ask at once', async () => {
    const program = await createProgram(api, { district: 'xuhui' });
    // No worker while they ask: an empty programme's run would otherwise finish before the last
    // request arrives, and a run after a finished one is rightly a new run.
    await worker.close();
    const asked = await Promise.all(Array.from({ length: 8 }, () => api.http.post(`/v1/programs/${program.id}/reconciliations`).set(bearer(program.officer))));
    worker = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_recon` });
    expect(asked.map((r) => r.status)).toEqual(Array(8).fill(202));
    expect(new Set(asked.map((r) => r.body.runId)).size).toBe(1);
    const runs = await eventually(
      () =>
        api.http
          .get(`/v1/programs/${program.id}/reconciliations`)
          .set(bearer(program.officer))
          .then((r) => r.body.data),
      (list: { status: string }[]) => list.every((r) => r.status === 'completed'),
      20_000,
    );
    expect(runs).toHaveLength(1);
  });

  it('rejects the same invoice claimed in a second district’s programme, and flags it for auditors', async () => {
    const xuhui = await createProgram(api, { providerRule: 'any_vetted' });
    const jingan = await createProgram(api, { district: 'jingan', providerRule: 'any_vetted', enterpriseRule: 'any' });
    const first = await purchase(xuhui, 'NR', rmb(100_000).amount, { invoice: 'INV-2026-777' });
    // The same provider presents the same invoice for a purchase under Jing'an's programme.
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, jingan, enterprise.id, rmb(300_000));
    const second = await awardedEngagementFrom(first.provider, enterprise, voucherId);
    const { reference } = (await act(api, enterprise.token, second.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, first.provider.token, second.id, 'payments/confirm-transfer', { reference, amount: second.enterpriseShare }).expect(200);
    await act(api, first.provider.token, second.id, 'deliver', { invoiceNumber: 'inv 2026 777' }).expect(200);
    await act(api, enterprise.token, second.id, 'accept').expect(200);

    expect((await reconcile(xuhui)).counts).toMatchObject({ approved: 1, rejected: 0 });
    const run = await reconcile(jingan);
    expect(run.counts).toMatchObject({ approved: 0, rejected: 1 });
    expect(run.anomalies).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'invoice_reused' })]));
    // The flag names the claims behind it: both purchases on the one invoice.
    const reused = run.anomalies.find((a: { kind: string }) => a.kind === 'invoice_reused');
    expect(reused.detail.claimsBehind.map((c: { engagementId: string }) => c.engagementId).sort()).toEqual([first.engagement.id, second.id].sort());
    expect(reused.detail.claimsBehind.map((c: { programId: string }) => c.programId).sort()).toEqual([xuhui.id, jingan.id].sort());
    const decisions = await sql`select reason from reconciliation_decisions where run_id = ${run.id}`;
    expect(decisions.map((d) => d.reason)).toEqual(['claimed_elsewhere']);
    expect(await ledgerOf(api, jingan)).toMatchObject({ committed: rmb(0), approved: rmb(0), available: rmb(10_000_000 - 300_000 + 30_000) });
    expect(await verifyLedger(sql)).toEqual([]);
  });

  it('flags an invoice two claims of one programme share, with both claims behind it', async () => {
    const xuhui = await createProgram(api, { providerRule: 'any_vetted' });
    const first = await purchase(xuhui, 'NR', rmb(100_000).amount, { invoice: 'INV-2026-888' });
    // The same provider presents the same invoice for a second purchase under the same programme.
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const second = await awardedEngagementFrom(first.provider, enterprise, await issueVoucher(api, xuhui, enterprise.id, rmb(300_000)));
    const { reference } = (await act(api, enterprise.token, second.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, first.provider.token, second.id, 'payments/confirm-transfer', { reference, amount: second.enterpriseShare }).expect(200);
    await act(api, first.provider.token, second.id, 'deliver', { invoiceNumber: 'INV 2026 888' }).expect(200);
    await act(api, enterprise.token, second.id, 'accept').expect(200);
    const other = await purchase(xuhui, 'NR', rmb(100_000).amount, { invoice: 'INV-2026-889' });

    const run = await reconcile(xuhui);
    // Not a decision: the same programme may pay both; the auditor looks.
    expect(run.counts).toMatchObject({ approved: 3, rejected: 0 });
    const reused = run.anomalies.filter((a: { kind: string }) => a.kind === 'invoice_reused');
    expect(reused).toHaveLength(1);
    expect(reused[0].detail).toMatchObject({ claims: 2, programmes: 1 });
    expect(reused[0].detail.claimsBehind.map((c: { engagementId: string }) => c.engagementId).sort()).toEqual([first.engagement.id, second.id].sort());
    expect(JSON.stringify(run.anomalies)).not.toContain(other.engagement.id);
  });

  it('flags for auditors a group that claimed in two districts’ programmes, not one only issued a voucher in the second', async () => {
    const xuhui = await createProgram(api, { providerRule: 'any_vetted' });
    const jingan = await createProgram(api, { district: 'jingan', providerRule: 'any_vetted', enterpriseRule: 'any' });
    // One enterprise buys under Xuhui's programme and again under Jing'an's.
    const both = await purchase(xuhui, 'NR', rmb(100_000).amount);
    const jinganVoucher = await issueVoucher(api, jingan, both.enterprise.id, rmb(300_000));
    const again = await awardedEngagementFrom(both.provider, both.enterprise, jinganVoucher);
    const { reference } = (await act(api, both.enterprise.token, again.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, both.provider.token, again.id, 'payments/confirm-transfer', { reference, amount: again.enterpriseShare }).expect(200);
    // Another holds a Jing'an voucher too, but buys under Xuhui's programme only.
    const one = await purchase(xuhui, 'NR', rmb(100_000).amount);
    await issueVoucher(api, jingan, one.enterprise.id, rmb(300_000));

    const run = await reconcile(xuhui);
    const flagged = run.anomalies.filter((a: { kind: string }) => a.kind === 'group_in_several_districts');
    expect(flagged).toHaveLength(1);
    expect(flagged[0].detail.districts).toEqual(['jingan', 'xuhui']);
    expect(flagged[0].detail.claimsBehind.map((c: { engagementId: string }) => c.engagementId).sort()).toEqual([both.engagement.id, again.id].sort());
  });

  it('flags a provider and an enterprise just under the cap more than once, with both claims behind the flag', async () => {
    const xuhui = await createProgram(api, { providerRule: 'any_vetted', perEnterpriseCap: rmb(600_000) });
    // 995,000 at 30%: a subsidy of 298,500, within 1% under the cap of 300,000.
    const first = await purchase(xuhui, 'NR', rmb(995_000).amount);
    const secondVoucher = await issueVoucher(api, xuhui, first.enterprise.id, rmb(300_000));
    const second = await awardedEngagementFrom(first.provider, first.enterprise, secondVoucher, rmb(995_000));
    // Another enterprise just under the cap once: near the cap, but no repeated pair.
    const once = await purchase(xuhui, 'NR', rmb(995_000).amount);
    // And one well under it: no flag at all.
    await purchase(xuhui, 'NR', rmb(500_000).amount);

    const run = await reconcile(xuhui);
    const flagged = (kind: string) => run.anomalies.filter((a: { kind: string }) => a.kind === kind);
    expect(
      flagged('near_cap')
        .map((a: { detail: { engagementId: string } }) => a.detail.engagementId)
        .sort(),
    ).toEqual([first.engagement.id, second.id, once.engagement.id].sort());
    const pairs = flagged('repeated_near_cap_pair');
    expect(pairs).toHaveLength(1);
    expect(pairs[0].detail).toMatchObject({ providerId: first.provider.id, enterpriseId: first.enterprise.id, claims: 2 });
    expect(pairs[0].detail.claimsBehind.map((c: { engagementId: string }) => c.engagementId).sort()).toEqual([first.engagement.id, second.id].sort());
  });

  it('rejects a claim whose provider was not eligible at award, with its reason, and releases the subsidy', async () => {
    const xuhui = await createProgram(api);
    const clean = await purchase(xuhui, 'AG', rmb(1_000_000).amount);
    const moved = await purchase(xuhui, 'KN', rmb(1_000_000).amount);
    // The facts kept at award show a provider vetted for Jing'an: an in-district Xuhui programme's
    // subsidy was not its to take, whatever its profile says now.
    const [kept] = await sql`select eligibility from subsidy_claims where engagement_id = ${moved.engagement.id}`;
    expect(kept!.eligibility).toMatchObject({ providerDistrict: 'xuhui', providerVetted: true });
    await sql`update subsidy_claims set eligibility = jsonb_set(eligibility, '{providerDistrict}', '"jingan"') where engagement_id = ${moved.engagement.id}`;

    const run = await reconcile(xuhui);
    expect(run.counts).toEqual({ approved: 1, adjusted: 0, held: 0, rejected: 1 });
    const decisions =
      await sql`select c.engagement_id, d.outcome, d.reason from reconciliation_decisions d join subsidy_claims c on c.id = d.claim_id where d.run_id = ${run.id}`;
    expect(decisions).toEqual(
      expect.arrayContaining([
        { engagement_id: clean.engagement.id, outcome: 'approved', reason: 'paid_and_accepted' },
        { engagement_id: moved.engagement.id, outcome: 'rejected', reason: 'provider_ineligible_at_award' },
      ]),
    );
    expect(await ledgerOf(api, xuhui)).toMatchObject({ committed: rmb(0), approved: rmb(300_000) });
    expect(await verifyLedger(sql)).toEqual([]);
  });

  it('decides a claim another transaction changed under its batch once, by running the batch again', async () => {
    const xuhui = await createProgram(api);
    const corrected = await purchase(xuhui, 'AG', rmb(1_000_000).amount, { invoice: 'XH-RACE-1' });
    const other = await purchase(xuhui, 'KN', rmb(1_000_000).amount, { invoice: 'XH-RACE-2' });

    // Another writer (an invoice number corrected) holds the claim's row, uncommitted, while the
    // batch reads the claim and comes to update it.
    const writer = createSql(process.env.DATABASE_URL!, 1);
    let commit!: () => void;
    const writing = writer.begin(async (tx) => {
      await tx`update subsidy_claims set invoice_key = invoice_key || '-CORRECTED' where engagement_id = ${corrected.engagement.id}`;
      await new Promise<void>((resolve) => (commit = resolve));
    });
    try {
      await eventually(() => Promise.resolve(commit), Boolean);
      const runId = await queueRun(xuhui);
      await eventually(
        () => sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%with batch as materialized%'`,
        ([waiting]) => waiting!.n > 0,
        20_000,
      );
      commit();
      await writing;

      const run = await runEnded(xuhui, runId);
      expect(run).toMatchObject({ status: 'completed', counts: { approved: 2, adjusted: 0, held: 0, rejected: 0 } });
      const claims = await sql`select engagement_id, status, invoice_key from subsidy_claims where program_id = ${xuhui.id}`;
      expect(claims).toEqual(
        expect.arrayContaining([
          { engagement_id: corrected.engagement.id, status: 'approved', invoice_key: expect.stringMatching(/XHRACE1-CORRECTED$/) },
          { engagement_id: other.engagement.id, status: 'approved', invoice_key: expect.stringMatching(/XHRACE2$/) },
        ]),
      );
      const [decisions] = await sql`select count(*)::int as n, count(distinct claim_id)::int as claims from reconciliation_decisions where run_id = ${run.id}`;
      expect(decisions).toEqual({ n: 2, claims: 2 });
      expect(await ledgerOf(api, xuhui)).toMatchObject({ committed: rmb(0), approved: rmb(600_000) });
      expect(await verifyLedger(sql)).toEqual([]);
    } finally {
      commit?.();
      await writing.catch(() => undefined);
      await writer.end({ timeout: 5 });
    }
  });

  /** A second request of the enterprise won by the same provider (it is invited: the country is its own). */
  async function awardedEngagementFrom(
    provider: { id: string; token: string },
    enterprise: { id: string; token: string },
    voucherId: string,
    price = rmb(100_000),
  ) {
    const requestId = (
      await api.http
        .post('/v1/requests')
        .set(bearer(enterprise.token))
        .send({
          title: '纳米比亚公司设立 Entity set-up in Nauru',
          description: '同一服务商的第二单 A second purchase from the same provider',
          category: 'legal',
          services: ['odi_filing', 'entity_setup'],
          countries: ['NR'],
          sector: '38',
          budget: { min: rmb(1), max: rmb(1_000_000) },
          languages: ['zh-CN'],
          biddingClosesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        })
        .expect(201)
    ).body.id;
    await api.http.post(`/v1/requests/${requestId}/publish`).set(bearer(enterprise.token)).expect(200);
    const bid = await api.http
      .post(`/v1/requests/${requestId}/bids`)
      .set(bearer(provider.token))
      .send({ price, timelineDays: 20, proposal: 'x', milestones: [] })
      .expect(201);
    const awarded = await api.http.post(`/v1/requests/${requestId}/award`).set(bearer(enterprise.token)).send({ bidId: bid.body.id, voucherId }).expect(201);
    return awarded.body as { id: string; enterpriseShare: { amount: number; currency: string } };
  }
});
