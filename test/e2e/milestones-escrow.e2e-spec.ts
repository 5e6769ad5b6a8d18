import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { toMajorUnits } from '../../libs/money/index.js';
import { createSql } from '../../src/db/database.js';
import { verifyLedger } from '../../src/modules/ledger/ledger-verify.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { download, PDF, uploaded } from '../factories/files.js';
import { cny, createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';

const WEBHOOK_SECRET = 'whsec_seaward_milestones';
const DAY = 86_400_000;
const CUSTODIAN = {
  CUSTODIAN_BANK_NAME: '招商银行上海分行营业部',
  CUSTODIAN_ACCOUNT_NAME: '海程平台资金存管专户',
  CUSTODIAN_ACCOUNT_NUMBER: '121900000000000001',
  CUSTODIAN_CNAPS: '308290003011',
};

type Milestones = {
  milestones: {
    n: number;
    status: string;
    due: { amount: number; currency: string };
    released: { amount: number };
    refunded: { amount: number };
    autoReleaseAt: string | null;
    dispute: { id: string; files: { id: string; name: string }[] } | null;
  }[];
  escrow: Record<'held' | 'released' | 'refunded', { amount: number; currency: string }>;
};

describe('milestones held in escrow (issue 26)', () => {
  let stripe: FakeStripe;
  let api: Api;
  let worker: INestApplicationContext;
  let alliance: { id: string; manager: string };
  let admin: string;
  const sql = createSql(process.env.DATABASE_URL!, 2);

  beforeAll(async () => {
    stripe = await startFakeStripe({ apiKey: 'sk_test_milestones' });
    const env = { STRIPE_SECRET_KEY: 'sk_test_milestones', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url, ...CUSTODIAN };
    api = await startApi(env);
    worker = await startWorker({ ...env, REDIS_PREFIX: `${process.env.REDIS_PREFIX}_milestones` });
    alliance = await createAlliance(api, '普陀杨浦出海服务联盟（托管）', ['putuo', 'yangpu']);
    admin = await api.token('admin', 'platform');
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await stripe.close();
    await sql.end({ timeout: 5 });
  });

  const post = (token: string, path: string, body: object = {}) => api.http.post(path).set(bearer(token)).send(body);
  const milestonesOf = async (token: string, id: string): Promise<Milestones> =>
    (await api.http.get(`/v1/engagements/${id}/milestones`).set(bearer(token)).expect(200)).body;
  const webhook = (event: object) => {
    const { payload, header } = stripe.signedWebhook(event, WEBHOOK_SECRET);
    return api.http.post('/v1/webhooks/stripe').set('Stripe-Signature', header).set('Content-Type', 'application/json').send(payload).expect(200);
  };
  /** The worker's own queue: a sweep job "as of" a later instant is the injected clock. */
  const sweepAsOf = (at: Date) => worker.get<Queue>(getQueueToken('milestones'), { strict: false }).add('sweep', { asOf: at.toISOString() });

  /** A vetted provider in `district` wins the enterprise's request with a bid in `parts` milestones (yuan). */
  async function milestoneDeal(
    district: string,
    country: string,
    parts: number[],
    options: { voucher?: boolean; program?: { id: string; officer: string } } = {},
  ) {
    const enterprise = await createEnterprise(api, { district });
    const program = options.program ?? (options.voucher ? await createProgram(api, { district }) : null);
    const voucherId = program ? await issueVoucher(api, program, enterprise.id, rmb(300_000)) : undefined;
    const services = ['odi_filing', 'entity_setup'];
    const provider = await createProvider(api, { district, categories: ['legal'], services, countries: [country], overseasOffices: [country] });
    await vet(api, alliance, provider);
    const price = parts.reduce((a, b) => a + b, 0);
    const requestId = await createRequest(api, enterprise.token, {
      category: 'legal',
      services,
      countries: [country],
      budget: { min: cny(1), max: rmb(price * 2) },
    });
    await publish(api, enterprise.token, requestId);
    const milestones = parts.map((yuan, i) => ({ title: `第${i + 1}阶段 Phase ${i + 1}`, amount: rmb(yuan), dueInDays: 30 * (i + 1) }));
    const bid = await post(provider.token, `/v1/requests/${requestId}/bids`, {
      price: rmb(price),
      timelineDays: 90,
      proposal: '分阶段交付 Phased delivery',
      milestones,
    }).expect(201);
    const awarded = await post(enterprise.token, `/v1/requests/${requestId}/award`, { bidId: bid.body.id, ...(voucherId ? { voucherId } : {}) }).expect(201);
    return { enterprise, provider, program, id: awarded.body.id as string, engagement: awarded.body };
  }

  it('card: approve → a Transfer; silence → auto-release after a reminder; a 70/30 dispute accepted by both; the subsidy adjusted; the ledgers clean', async () => {
    const deal = await milestoneDeal('putuo', 'GI', [300_000, 300_000, 400_000], { voucher: true });
    const { enterprise, provider, id } = deal;
    const account = (await post(provider.token, `/v1/providers/${provider.id}/payout-account`).expect(201)).body.accountId as string;
    const listed = await milestonesOf(enterprise.token, id);
    expect(listed.milestones.map((m) => m.status)).toEqual(['pending', 'pending', 'pending']);
    const dues = listed.milestones.map((m) => m.due.amount);
    expect(dues.reduce((a, b) => a + b, 0)).toBe(deal.engagement.enterpriseShare.amount);

    async function fundByCard(n: number) {
      await post(provider.token, `/v1/engagements/${id}/milestones/${n}/fund`, { method: 'stripe' }).expect(403);
      const started = await post(enterprise.token, `/v1/engagements/${id}/milestones/${n}/fund`, { method: 'stripe' }).expect(201);
      const intentId = (started.body.clientSecret as string).split('_secret_')[0]!;
      // Separate charges and transfers: the charge stays with the platform, grouped by engagement.
      expect(stripe.paymentIntents.get(intentId)).toMatchObject({ amount: dues[n - 1], transfer_data: null, transfer_group: `engagement:${id}` });
      await webhook(stripe.succeedPaymentIntent(intentId));
      await eventually(
        () => milestonesOf(enterprise.token, id),
        (v) => v.milestones[n - 1]!.status === 'funded',
      );
    }

    // 1: funded → delivered → approved: the money goes to the provider's connected account.
    await post(provider.token, `/v1/engagements/${id}/milestones/1/deliver`).expect(409);
    await fundByCard(1);
    expect((await api.http.get(`/v1/engagements/${id}`).set(bearer(enterprise.token)).expect(200)).body.status).toBe('in_progress');
    await post(enterprise.token, `/v1/engagements/${id}/milestones/1/deliver`).expect(403);
    await post(provider.token, `/v1/engagements/${id}/milestones/1/deliver`).expect(200);
    await post(provider.token, `/v1/engagements/${id}/milestones/1/approve`).expect(403);
    const approved = (await post(enterprise.token, `/v1/engagements/${id}/milestones/1/approve`).expect(200)).body as Milestones;
    expect(approved.milestones[0]).toMatchObject({ status: 'released', released: { amount: dues[0] } });
    await post(enterprise.token, `/v1/engagements/${id}/milestones/1/approve`).expect(409);
    const transfers = () => [...stripe.transfers.values()].filter((t) => t.transfer_group === `engagement:${id}`);
    await eventually(
      async () => transfers(),
      (list) => list.length === 1,
    );
    expect(transfers()[0]).toMatchObject({ amount: dues[0], destination: account, currency: 'cny' });

    // 2: delivered, then silence: a reminder 3 days before, the release after MILESTONE_AUTO_RELEASE_DAYS.
    await fundByCard(2);
    const delivered = (await post(provider.token, `/v1/engagements/${id}/milestones/2/deliver`).expect(200)).body as Milestones;
    const releaseAt = Date.parse(delivered.milestones[1]!.autoReleaseAt!);
    expect(releaseAt - Date.now()).toBeGreaterThan(13.9 * DAY);
    await sweepAsOf(new Date(releaseAt - 2 * DAY));
    await eventually(
      () => sql`select reminder_sent_at from engagement_milestones where engagement_id = ${id} and n = 2`,
      (rows) => rows[0]!.reminder_sent_at !== null,
    );
    expect((await milestonesOf(enterprise.token, id)).milestones[1]!.status).toBe('delivered');
    await sweepAsOf(new Date(releaseAt + 60_000));
    await eventually(
      () => milestonesOf(enterprise.token, id),
      (v) => v.milestones[1]!.status === 'released',
    );
    await eventually(
      async () => transfers(),
      (list) => list.length === 2,
    );

    // 3: disputed by the enterprise; the subsidising district's officer proposes 70/30; both accept.
    await fundByCard(3);
    await post(enterprise.token, `/v1/engagements/${id}/milestones/3/dispute`, { reason: '报告缺少税务章节 Tax chapter missing' }).expect(200);
    await post(enterprise.token, `/v1/engagements/${id}/milestones/3/approve`).expect(409);
    const release = (dues[2]! * 7) / 10;
    const refund = dues[2]! - release;
    const otherOfficer = await api.token('district_officer', 'hongkou');
    await post(otherOfficer, `/v1/engagements/${id}/milestones/3/dispute/proposal`, { release: cny(release), refund: cny(refund) }).expect(404);
    await post(deal.program!.officer, `/v1/engagements/${id}/milestones/3/dispute/proposal`, { release: cny(release), refund: cny(refund + 1) }).expect(400);
    await post(deal.program!.officer, `/v1/engagements/${id}/milestones/3/dispute/proposal`, { release: cny(release), refund: cny(refund) }).expect(200);
    // Too early for the mediator to impose it (DISPUTE_DECISION_DAYS).
    await post(deal.program!.officer, `/v1/engagements/${id}/milestones/3/dispute/decide`).expect(409);
    await post(enterprise.token, `/v1/engagements/${id}/milestones/3/dispute/accept`).expect(200);
    const settled = (await post(provider.token, `/v1/engagements/${id}/milestones/3/dispute/accept`).expect(200)).body as Milestones;
    expect(settled.milestones[2]).toMatchObject({ status: 'settled', released: { amount: release }, refunded: { amount: refund } });
    expect(settled.escrow).toEqual({ held: cny(0), released: cny(dues[0]! + dues[1]! + release), refunded: cny(refund) });
    await eventually(
      async () => ({ transfers: transfers(), refunds: [...stripe.refunds.values()].filter((r) => r.metadata?.engagementId === id) }),
      (v) => v.transfers.length === 3 && v.refunds.length === 1,
    );
    expect(transfers()[2]!.amount).toBe(release);

    const engagement = (await api.http.get(`/v1/engagements/${id}`).set(bearer(enterprise.token)).expect(200)).body;
    expect(engagement).toMatchObject({ status: 'completed', payment: { received: deal.engagement.enterpriseShare, refunded: cny(refund) } });

    // Reconciliation recomputes the subsidy on what was finally paid.
    const run = await post(deal.program!.officer, `/v1/programs/${deal.program!.id}/reconciliations`).expect(202);
    const done = await eventually(
      () =>
        api.http
          .get(`/v1/reconciliations/${run.body.runId}`)
          .set(bearer(deal.program!.officer))
          .then((r) => r.body),
      (r) => r.status === 'completed' || r.status === 'failed',
      30_000,
    );
    expect(done).toMatchObject({ status: 'completed', counts: { adjusted: 1 } });
    const [claim] = await sql`select status, approved_amount::int as approved, amount::int as committed from subsidy_claims where engagement_id = ${id}`;
    expect(claim!.approved).toBeLessThan(claim!.committed);

    expect((await verifyLedger(sql)).filter((v) => JSON.stringify(v.rows).includes(id))).toEqual([]);
  });

  it('card, after release: the provider refunds part of what it was paid by reversing its Transfer and refunding the charge', async () => {
    const { enterprise, provider, id } = await milestoneDeal('putuo', 'FO', [80_000]);
    await post(provider.token, `/v1/providers/${provider.id}/payout-account`).expect(201);
    const started = await post(enterprise.token, `/v1/engagements/${id}/milestones/1/fund`, { method: 'stripe' }).expect(201);
    await webhook(stripe.succeedPaymentIntent((started.body.clientSecret as string).split('_secret_')[0]!));
    await eventually(
      () => milestonesOf(enterprise.token, id),
      (v) => v.milestones[0]!.status === 'funded',
    );
    await post(enterprise.token, `/v1/engagements/${id}/milestones/1/approve`).expect(200);
    const transfer = await eventually(
      async () => [...stripe.transfers.values()].find((t) => t.transfer_group === `engagement:${id}`),
      (t) => t !== undefined,
    );
    await post(enterprise.token, `/v1/engagements/${id}/milestones/1/refund`, { amount: rmb(20_000) }).expect(403);
    const refunded = (await post(provider.token, `/v1/engagements/${id}/milestones/1/refund`, { amount: rmb(20_000) }).expect(200)).body as Milestones;
    expect(refunded.milestones[0]).toMatchObject({ status: 'released', released: { amount: rmb(60_000).amount }, refunded: { amount: rmb(20_000).amount } });
    expect(refunded.escrow).toEqual({ held: rmb(0), released: rmb(60_000), refunded: rmb(20_000) });
    await post(provider.token, `/v1/engagements/${id}/milestones/1/refund`, { amount: rmb(60_001) }).expect(409);
    await eventually(
      async () => ({
        reversed: stripe.transfers.get(transfer!.id)!.amount_reversed,
        refunds: [...stripe.refunds.values()].filter((r) => r.metadata?.engagementId === id),
      }),
      (v) => v.reversed === rmb(20_000).amount && v.refunds.length === 1,
    );
    const engagement = (await api.http.get(`/v1/engagements/${id}`).set(bearer(enterprise.token)).expect(200)).body;
    expect(engagement.payment).toMatchObject({ received: rmb(80_000), refunded: rmb(20_000) });
    expect((await verifyLedger(sql)).filter((v) => JSON.stringify(v.rows).includes(id))).toEqual([]);
  });

  it('bank: the custodian account in the answer, a statement import funds, a payout batch file pays the provider and refunds the enterprise', async () => {
    const { enterprise, provider, id } = await milestoneDeal('yangpu', 'GL', [200_000, 300_000, 500_000]);
    const funded = await post(enterprise.token, `/v1/engagements/${id}/milestones/1/fund`, { method: 'bank_transfer' }).expect(201);
    expect(funded.body).toMatchObject({
      method: 'bank_transfer',
      amount: rmb(200_000),
      reference: expect.stringMatching(/^SW-[0-9A-Z]{10}$/),
      payTo: { bank: CUSTODIAN.CUSTODIAN_BANK_NAME, accountNumber: CUSTODIAN.CUSTODIAN_ACCOUNT_NUMBER, cnaps: CUSTODIAN.CUSTODIAN_CNAPS },
    });
    const reference = funded.body.reference as string;
    await post(enterprise.token, `/v1/engagements/${id}/payments`, { method: 'bank_transfer' }).expect(409);
    for (const n of [2, 3])
      expect((await post(enterprise.token, `/v1/engagements/${id}/milestones/${n}/fund`, { method: 'bank_transfer' }).expect(201)).body.reference).toBe(
        reference,
      );

    const line = (txn: string, yuan: number, ref = reference) =>
      `${txn},2026-12-06,${ref},${toMajorUnits(rmb(yuan))},CNY,"上海杨浦某某科技有限公司",31001234567890`;
    const csv = [
      'bank_txn_id,booked_on,reference,amount,currency,payer_name,payer_account',
      line(`T-${id}-1`, 200_000),
      line(`T-${id}-2`, 300_000),
      line(`T-${id}-x`, 1, 'SW-NOBODY0000'),
    ].join('\r\n');
    await post(enterprise.token, '/v1/custodian/statements', { csv }).expect(403);
    await post(admin, '/v1/custodian/statements', { csv: 'nonsense' }).expect(400);
    const imported = await post(admin, '/v1/custodian/statements', { csv }).expect(200);
    expect(imported.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['matched', 'matched', 'unmatched']);
    expect((await post(admin, '/v1/custodian/statements', { csv }).expect(200)).body.lines.map((l: { outcome: string }) => l.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    // Finance confirms the third by hand; a wrong amount is refused.
    await post(admin, `/v1/engagements/${id}/milestones/3/confirm-receipt`, { amount: rmb(499_999) }).expect(409);
    await post(admin, `/v1/engagements/${id}/milestones/3/confirm-receipt`, { amount: rmb(500_000) }).expect(200);

    await post(provider.token, `/v1/engagements/${id}/milestones/1/deliver`).expect(200);
    // What waits for the enterprise, on the engagement and in its list (its home's to-do).
    const waiting = { count: 3, toFund: 0, toApprove: 1, inDispute: 0 };
    expect((await api.http.get(`/v1/engagements/${id}`).set(bearer(enterprise.token)).expect(200)).body.payment.milestones).toEqual(waiting);
    const listed = (await api.http.get('/v1/engagements').set(bearer(enterprise.token)).expect(200)).body.data;
    expect(listed.find((e: { id: string }) => e.id === id).payment.milestones).toEqual(waiting);
    await post(enterprise.token, `/v1/engagements/${id}/milestones/1/approve`).expect(200);
    // A bank payout already released is the provider's to return by bank.
    await post(provider.token, `/v1/engagements/${id}/milestones/1/refund`, { amount: rmb(1) }).expect(409);
    const delivered = (await post(provider.token, `/v1/engagements/${id}/milestones/2/deliver`).expect(200)).body as Milestones;
    await sweepAsOf(new Date(Date.parse(delivered.milestones[1]!.autoReleaseAt!) + 1000));
    await eventually(
      () => milestonesOf(enterprise.token, id),
      (v) => v.milestones[1]!.status === 'released',
    );
    await post(provider.token, `/v1/engagements/${id}/milestones/3/dispute`, { reason: '对方未提供资料 Documents never supplied' }).expect(200);
    await post(admin, `/v1/engagements/${id}/milestones/3/dispute/proposal`, { release: rmb(350_000), refund: rmb(150_000) }).expect(200);
    await post(provider.token, `/v1/engagements/${id}/milestones/3/dispute/accept`).expect(200);
    // Past DISPUTE_DECISION_DAYS the mediator decides what one side never accepted.
    await sql`update milestone_disputes set proposed_at = now() - interval '8 days' where engagement_id = ${id}`;
    const decided = (await post(admin, `/v1/engagements/${id}/milestones/3/dispute/decide`).expect(200)).body as Milestones;
    expect(decided.escrow).toEqual({ held: rmb(0), released: rmb(850_000), refunded: rmb(150_000) });

    // Payouts wait for the provider's bank account; then one batch file holds every instruction.
    await api.http
      .put(`/v1/providers/${provider.id}/bank-account`)
      .set(bearer(provider.token))
      .send({ bank: '中国工商银行上海杨浦支行', accountName: '上海某律师事务所', accountNumber: '1001234509876543210' })
      .expect(400);
    await api.http
      .put(`/v1/providers/${provider.id}/bank-account`)
      .set(bearer(provider.token))
      .send({ bank: '中国工商银行上海杨浦支行', accountName: '上海某律师事务所', accountNumber: '1001234509876543210', cnaps: '102290012345' })
      .expect(200);
    const batch = await post(admin, '/v1/payout-batches').expect(201);
    expect(batch.body.lines).toBeGreaterThanOrEqual(4);
    const file = await api.http
      .get(`/v1/payout-batches/${batch.body.id}/file`)
      .set(bearer(admin))
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    const text = file.text ?? file.body.toString('utf8');
    const mine = text.split('\r\n').filter((row: string) => row.includes(id));
    expect(mine).toHaveLength(4);
    expect(mine.filter((row: string) => row.includes('1001234509876543210') && row.includes('102290012345'))).toHaveLength(3);
    // Milestone 3 was confirmed by hand, so its refund goes back to the account the funds came from.
    expect(mine.filter((row: string) => row.split(',')[1] === 'refund' && row.includes('150000.00'))).toHaveLength(1);
    expect(mine.some((row: string) => row.includes('350000.00'))).toBe(true);
    const finished = (await api.http.get(`/v1/engagements/${id}`).set(bearer(enterprise.token)).expect(200)).body;
    expect(finished.status).toBe('completed');
    expect((await verifyLedger(sql)).filter((v) => JSON.stringify(v.rows).includes(id))).toEqual([]);

    // The receipt: a bilingual PDF whose extracted text names the parties, the amounts and the currency.
    const stranger = await createEnterprise(api, { district: 'yangpu' });
    await api.http.get(`/v1/payments/${finished.payment.id}/receipt`).set(bearer(stranger.token)).expect(404);
    const pdf = await api.http
      .get(`/v1/payments/${finished.payment.id}/receipt`)
      .set(bearer(enterprise.token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', /application\/pdf/);
    const extracted = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf.body as Buffer, encoding: 'utf8' });
    expect(extracted.status).toBe(0);
    const receiptText = extracted.stdout.replace(/\s+/g, ' ');
    for (const expected of [
      '收据 Receipt',
      '上海示例电池科技有限公司',
      '沙特阿拉伯法律咨询有限公司 Riyadh Legal Partners',
      'CNY 200000.00',
      'CNY 350000.00',
      '已退款 Refunded: CNY 150000.00',
      '已放款 Released to the provider: CNY 850000.00',
      reference,
    ]) {
      expect(receiptText).toContain(expected);
    }
  });

  it('bank, with a subsidy: three milestones funded by a statement import, approve, silence and a 70/30 dispute accepted by both; the payout file; the subsidy adjusted; the ledgers clean', async () => {
    const deal = await milestoneDeal('yangpu', 'BV', [200_000, 300_000, 500_000], { voucher: true });
    const { enterprise, provider, id } = deal;
    const dues = (await milestonesOf(enterprise.token, id)).milestones.map((m) => m.due);
    expect(dues.reduce((sum, d) => sum + d.amount, 0)).toBe(deal.engagement.enterpriseShare.amount);
    let reference = '';
    for (const n of [1, 2, 3])
      reference = (await post(enterprise.token, `/v1/engagements/${id}/milestones/${n}/fund`, { method: 'bank_transfer' }).expect(201)).body.reference;
    const csv = [
      'bank_txn_id,booked_on,reference,amount,currency,payer_name,payer_account',
      ...dues.map((due, i) => `S-${id}-${i + 1},2026-12-06,${reference},${toMajorUnits(due)},CNY,"上海杨浦某某贸易有限公司",31009876543210`),
    ].join('\r\n');
    const imported = await post(admin, '/v1/custodian/statements', { csv }).expect(200);
    expect(imported.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['matched', 'matched', 'matched']);
    expect((await milestonesOf(enterprise.token, id)).milestones.map((m) => m.status)).toEqual(['funded', 'funded', 'funded']);

    await post(provider.token, `/v1/engagements/${id}/milestones/1/deliver`).expect(200);
    await post(enterprise.token, `/v1/engagements/${id}/milestones/1/approve`).expect(200);
    const delivered = (await post(provider.token, `/v1/engagements/${id}/milestones/2/deliver`).expect(200)).body as Milestones;
    await sweepAsOf(new Date(Date.parse(delivered.milestones[1]!.autoReleaseAt!) + 1000));
    await eventually(
      () => milestonesOf(enterprise.token, id),
      (v) => v.milestones[1]!.status === 'released',
    );
    await post(enterprise.token, `/v1/engagements/${id}/milestones/3/dispute`, { reason: '税务章节缺失 Tax chapter missing' }).expect(200);
    const release = (dues[2]!.amount * 7) / 10;
    const refund = dues[2]!.amount - release;
    await post(deal.program!.officer, `/v1/engagements/${id}/milestones/3/dispute/proposal`, { release: cny(release), refund: cny(refund) }).expect(200);
    await post(provider.token, `/v1/engagements/${id}/milestones/3/dispute/accept`).expect(200);
    const settled = (await post(enterprise.token, `/v1/engagements/${id}/milestones/3/dispute/accept`).expect(200)).body as Milestones;
    expect(settled.escrow).toEqual({ held: cny(0), released: cny(dues[0]!.amount + dues[1]!.amount + release), refunded: cny(refund) });

    await api.http
      .put(`/v1/providers/${provider.id}/bank-account`)
      .set(bearer(provider.token))
      .send({ bank: '中国银行上海杨浦支行', accountName: '上海某咨询有限公司', accountNumber: '4567000011112222', cnaps: '104290012345' })
      .expect(200);
    const batch = await post(admin, '/v1/payout-batches').expect(201);
    const file = await api.http.get(`/v1/payout-batches/${batch.body.id}/file`).set(bearer(admin)).expect(200);
    const mine = (file.text ?? file.body.toString('utf8')).split('\r\n').filter((row: string) => row.includes(id));
    // Three payouts to the provider's account, and the refund back to the account the money came from.
    expect(mine.filter((row: string) => row.includes('4567000011112222'))).toHaveLength(3);
    expect(
      mine.filter((row: string) => row.split(',')[1] === 'refund' && row.includes('31009876543210') && row.includes(toMajorUnits(cny(refund)))),
    ).toHaveLength(1);

    const engagement = (await api.http.get(`/v1/engagements/${id}`).set(bearer(enterprise.token)).expect(200)).body;
    expect(engagement).toMatchObject({ status: 'completed', payment: { received: deal.engagement.enterpriseShare, refunded: cny(refund) } });
    const run = await post(deal.program!.officer, `/v1/programs/${deal.program!.id}/reconciliations`).expect(202);
    const done = await eventually(
      () =>
        api.http
          .get(`/v1/reconciliations/${run.body.runId}`)
          .set(bearer(deal.program!.officer))
          .then((r) => r.body),
      (r) => r.status === 'completed' || r.status === 'failed',
      30_000,
    );
    expect(done).toMatchObject({ status: 'completed', counts: { adjusted: 1 } });
    const [claim] = await sql`select approved_amount::int as approved, amount::int as committed from subsidy_claims where engagement_id = ${id}`;
    expect(claim!.approved).toBeLessThan(claim!.committed);
    expect((await verifyLedger(sql)).filter((v) => JSON.stringify(v.rows).includes(id) || JSON.stringify(v.rows).includes(deal.program!.id))).toEqual([]);
  });

  it('races: approve against dispute, and release against refund, on one milestone: exactly one of 50 wins', async () => {
    const { enterprise, provider, id } = await milestoneDeal('yangpu', 'IM', [100_000, 100_000]);
    for (const n of [1, 2]) {
      await post(enterprise.token, `/v1/engagements/${id}/milestones/${n}/fund`, { method: 'bank_transfer' }).expect(201);
      await post(admin, `/v1/engagements/${id}/milestones/${n}/confirm-receipt`, { amount: rmb(100_000) }).expect(200);
      await post(provider.token, `/v1/engagements/${id}/milestones/${n}/deliver`).expect(200);
    }
    const race = async (n: number, other: (i: number) => Promise<{ status: number }>) => {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? post(enterprise.token, `/v1/engagements/${id}/milestones/${n}/approve`) : other(i))),
      );
      return answers.map((a) => a.status);
    };
    const first = await race(1, () => post(enterprise.token, `/v1/engagements/${id}/milestones/1/dispute`, { reason: 'race' }));
    expect(first.filter((s) => s === 200)).toHaveLength(1);
    expect(first.filter((s) => s === 409)).toHaveLength(49);
    const second = await race(2, () => post(provider.token, `/v1/engagements/${id}/milestones/2/refund`));
    expect(second.filter((s) => s === 200)).toHaveLength(1);
    expect(second.filter((s) => s === 409)).toHaveLength(49);

    const after = await milestonesOf(enterprise.token, id);
    const moved = after.milestones.map((m) => m.released.amount + m.refunded.amount);
    const held = after.milestones.filter((m) => m.status === 'disputed').length * rmb(100_000).amount;
    expect(after.escrow.held.amount).toBe(held);
    expect(after.escrow.released.amount + after.escrow.refunded.amount).toBe(moved.reduce((a, b) => a + b, 0));
    const [{ moves }] = await sql`select count(*)::int as moves from escrow_moves where engagement_id = ${id} and from_account = 'held'`;
    expect(moves).toBe(after.milestones.filter((m) => m.status !== 'disputed').length);
    expect((await verifyLedger(sql)).filter((v) => JSON.stringify(v.rows).includes(id))).toEqual([]);
  });

  it('fapiao: reconciliation flags a missing one, a wrong buyer tax id, a short amount and a number used twice', async () => {
    const program = await createProgram(api, { district: 'putuo' });
    type Deal = Awaited<ReturnType<typeof milestoneDeal>> & { uscc: string };
    const deals: Deal[] = [];
    for (const country of ['GU', 'AS', 'NC', 'PF']) {
      const deal = await milestoneDeal('putuo', country, [100_000], { program });
      await post(deal.enterprise.token, `/v1/engagements/${deal.id}/milestones/1/fund`, { method: 'bank_transfer' }).expect(201);
      await post(admin, `/v1/engagements/${deal.id}/milestones/1/confirm-receipt`, { amount: deal.engagement.enterpriseShare }).expect(200);
      await post(deal.enterprise.token, `/v1/engagements/${deal.id}/milestones/1/approve`).expect(200);
      const [{ uscc }] = await sql`select uscc from enterprises where id = ${deal.enterprise.id}`;
      deals.push({ ...deal, uscc: uscc as string });
    }
    const [missing, wrongBuyer, short, clean] = deals;
    const fapiao = (deal: Deal, overrides: object = {}) =>
      post(deal.provider.token, `/v1/engagements/${deal.id}/milestones/1/fapiao`, {
        type: '全电发票',
        number: `2431200000${deal.id.replace(/\D/g, '').padEnd(10, '7').slice(0, 10)}`,
        issuedOn: new Date().toISOString().slice(0, 10),
        buyerTaxId: deal.uscc,
        amountWithTax: rmb(100_000),
        taxRate: '0.06',
        ...overrides,
      });
    const reused = '24312000009999999999';
    await fapiao(clean!, { buyerTaxId: 'not-a-uscc' }).expect(400);
    await post(clean!.enterprise.token, `/v1/engagements/${clean!.id}/milestones/1/fapiao`, {}).expect(403);
    await fapiao(clean!, { number: reused }).expect(201);
    await fapiao(clean!).expect(409);
    await fapiao(wrongBuyer!, { number: reused, buyerTaxId: clean!.uscc }).expect(201);
    await fapiao(short!, { amountWithTax: rmb(99_999), type: '专票', taxRate: '0.13' }).expect(201);
    const listed = await api.http.get(`/v1/engagements/${short!.id}/fapiao`).set(bearer(short!.enterprise.token)).expect(200);
    expect(listed.body.fapiao).toEqual([expect.objectContaining({ milestone: 1, type: '专票', amountWithTax: rmb(99_999), taxRate: '0.13' })]);

    const queued = await post(program.officer, `/v1/programs/${program.id}/reconciliations`).expect(202);
    const run = await eventually(
      () =>
        api.http
          .get(`/v1/reconciliations/${queued.body.runId}`)
          .set(bearer(program.officer))
          .then((r) => r.body),
      (r) => r.status === 'completed' || r.status === 'failed',
      30_000,
    );
    expect(run).toMatchObject({ status: 'completed', counts: { approved: 4 } });
    const flagged = (kind: string) => (run.anomalies as { kind: string; detail: Record<string, unknown> }[]).filter((a) => a.kind === kind);
    expect(flagged('fapiao_missing').map((a) => a.detail.engagementId)).toEqual([missing!.id]);
    expect(flagged('fapiao_buyer_tax_id').map((a) => a.detail.engagementId)).toEqual([wrongBuyer!.id]);
    expect(flagged('fapiao_short')).toEqual([
      { kind: 'fapiao_short', detail: expect.objectContaining({ engagementId: short!.id, fapiao: rmb(99_999).amount, price: rmb(100_000).amount }) },
    ]);
    const [reuse] = flagged('fapiao_number_reused');
    expect(reuse!.detail).toMatchObject({ number: reused, engagements: 2 });
    expect((reuse!.detail.claimsBehind as { engagementId: string }[]).map((c) => c.engagementId).sort()).toEqual([clean!.id, wrongBuyer!.id].sort());
  });

  it("files: a dispute carries each side's evidence and a fapiao record its PDF, seen by the parties and the mediator only", async () => {
    const deal = await milestoneDeal('putuo', 'WF', [100_000, 100_000], { voucher: true });
    const { enterprise, provider, id } = deal;
    for (const n of [1, 2]) {
      await post(enterprise.token, `/v1/engagements/${id}/milestones/${n}/fund`, { method: 'bank_transfer' }).expect(201);
      const due = (await milestonesOf(enterprise.token, id)).milestones[n - 1]!.due;
      await post(admin, `/v1/engagements/${id}/milestones/${n}/confirm-receipt`, { amount: due }).expect(200);
    }
    await post(enterprise.token, `/v1/engagements/${id}/milestones/1/approve`).expect(200);
    const stranger = await createEnterprise(api, { district: 'putuo' });
    const strangers = await uploaded(api, stranger.token, PDF, '无关.pdf');
    const evidence = await uploaded(api, enterprise.token, PDF, '验收意见 Acceptance notes.pdf');
    const answer = await uploaded(api, provider.token, PDF, '交付记录 Delivery log.pdf');
    const fapiaoPdf = await uploaded(api, provider.token, PDF, '全电发票 24312000001111111111.pdf');

    // A dispute with another tenant's file is refused whole; with the caller's own it carries it.
    const refused = await post(enterprise.token, `/v1/engagements/${id}/milestones/2/dispute`, {
      reason: '报告不完整 Report incomplete',
      fileIds: [strangers.id],
    }).expect(400);
    expect(refused.body.errors).toEqual([{ path: 'fileIds.0', message: 'is not a file you uploaded' }]);
    expect((await milestonesOf(enterprise.token, id)).milestones[1]!.status).toBe('funded');
    const opened = await post(enterprise.token, `/v1/engagements/${id}/milestones/2/dispute`, {
      reason: '报告不完整 Report incomplete',
      fileIds: [evidence.id],
    }).expect(200);
    const dispute = (opened.body as Milestones).milestones[1]!.dispute!;
    expect(dispute.files).toEqual([expect.objectContaining({ id: evidence.id, name: '验收意见 Acceptance notes.pdf' })]);

    // The other side answers with its own evidence; strangers can neither add nor see.
    const attach = (token: string, fileIds: string[]) =>
      api.http.post('/v1/attachments').set(bearer(token)).send({ kind: 'dispute', objectId: dispute.id, fileIds });
    await attach(stranger.token, [strangers.id]).expect(404);
    await attach(provider.token, [strangers.id]).expect(400);
    await attach(provider.token, [answer.id]).expect(201);
    const listed = (token: string) => api.http.get(`/v1/attachments?kind=dispute&objectId=${dispute.id}`).set(bearer(token));
    const mediator = deal.program!.officer;
    for (const token of [enterprise.token, provider.token, mediator, admin]) {
      expect((await listed(token).expect(200)).body.data.map((f: { id: string }) => f.id).sort()).toEqual([evidence.id, answer.id].sort());
    }
    const elsewhere = await api.token('district_officer', 'hongkou');
    for (const token of [stranger.token, elsewhere]) {
      await listed(token).expect(404);
      await download(api, token, answer.id).expect(404);
    }
    await download(api, mediator, answer.id).expect(200);
    expect((await milestonesOf(provider.token, id)).milestones[1]!.dispute).toMatchObject({ files: [{ id: evidence.id }, { id: answer.id }] });

    // Settled, the dispute's evidence is closed.
    const held = (await milestonesOf(admin, id)).milestones[1]!.due.amount;
    await post(admin, `/v1/engagements/${id}/milestones/2/dispute/proposal`, { release: cny(held / 2), refund: cny(held / 2) }).expect(200);
    await post(enterprise.token, `/v1/engagements/${id}/milestones/2/dispute/accept`).expect(200);
    await post(provider.token, `/v1/engagements/${id}/milestones/2/dispute/accept`).expect(200);
    await attach(enterprise.token, [evidence.id]).expect(404);

    // The fapiao of milestone 1 names its PDF: only the provider's own upload, seen by both sides.
    const [{ uscc }] = await sql`select uscc from enterprises where id = ${enterprise.id}`;
    const fapiao = (fileIds: string[]) =>
      post(provider.token, `/v1/engagements/${id}/milestones/1/fapiao`, {
        type: '全电发票',
        number: '24312000001111111111',
        issuedOn: new Date().toISOString().slice(0, 10),
        buyerTaxId: uscc,
        amountWithTax: rmb(100_000),
        taxRate: '0.06',
        fileIds,
      });
    expect((await fapiao([evidence.id]).expect(400)).body.errors).toEqual([{ path: 'fileIds.0', message: 'is not a file you uploaded' }]);
    expect((await api.http.get(`/v1/engagements/${id}/fapiao`).set(bearer(enterprise.token)).expect(200)).body.fapiao).toEqual([]);
    const recorded = await fapiao([fapiaoPdf.id]).expect(201);
    expect(recorded.body.files).toEqual([expect.objectContaining({ id: fapiaoPdf.id, name: '全电发票 24312000001111111111.pdf' })]);
    const list = await api.http.get(`/v1/engagements/${id}/fapiao`).set(bearer(enterprise.token)).expect(200);
    expect(list.body.fapiao).toEqual([expect.objectContaining({ milestone: 1, files: [expect.objectContaining({ id: fapiaoPdf.id })] })]);
    await download(api, enterprise.token, fapiaoPdf.id).expect(200);
    await download(api, mediator, fapiaoPdf.id).expect(200);
    await download(api, stranger.token, fapiaoPdf.id).expect(404);
  });
});
