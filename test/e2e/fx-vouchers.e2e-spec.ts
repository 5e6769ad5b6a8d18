import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSql } from '../../src/db/database.js';
import { verifyLedger } from '../../src/modules/ledger/ledger-verify.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import type { INestApplicationContext } from '@nestjs/common';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';

const DAY = 86_400_000;
const dateOf = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
const usd = (cents: number) => ({ amount: cents, currency: 'USD' });

describe('a CNY voucher on a purchase priced in another currency (issue 26)', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let admin: string;
  let alliance: { id: string; manager: string };
  const sql = createSql(process.env.DATABASE_URL!, 2);

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_fx` });
    admin = await api.token('admin', 'platform');
    alliance = await createAlliance(api, '徐汇区出海服务联盟（外币）', ['xuhui']);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sql.end({ timeout: 5 });
  });

  const setRate = (date: string, currency: string, body: object, token = admin) =>
    api.http.put(`/v1/fx-rates/${date}/${currency}`).set(bearer(token)).send(body);

  /** An enterprise with a ¥300,000 Xuhui voucher and a vetted Xuhui provider's bid in `price` on its request for `country`. */
  async function foreignBid(country: string, price: { amount: number; currency: string }) {
    const program = await createProgram(api);
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(300_000));
    const services = ['odi_filing', 'entity_setup'];
    const provider = await createProvider(api, { district: 'xuhui', categories: ['legal'], services, countries: [country], overseasOffices: [country] });
    await vet(api, alliance, provider);
    const requestId = await createRequest(api, enterprise.token, {
      category: 'legal',
      services,
      countries: [country],
      budget: { min: { amount: 1, currency: price.currency }, max: { amount: price.amount * 2, currency: price.currency } },
    });
    await publish(api, enterprise.token, requestId);
    const bid = await api.http
      .post(`/v1/requests/${requestId}/bids`)
      .set(bearer(provider.token))
      .send({ price, timelineDays: 60, proposal: 'Riyadh entity set-up 利雅得公司设立', milestones: [] })
      .expect(201);
    const award = () => api.http.post(`/v1/requests/${requestId}/award`).set(bearer(enterprise.token)).send({ bidId: bid.body.id, voucherId });
    return { program, enterprise, award };
  }

  it('admins keep the rate table; bad rates are 400', async () => {
    await setRate(dateOf(0), 'USD', { cnyPerUnit: '7.1234', source: 'CFETS 人民币汇率中间价' }, await api.token('district_officer', 'xuhui')).expect(403);
    await setRate(dateOf(0), 'USD', { cnyPerUnit: '7.12.34', source: 'x' }).expect(400);
    await setRate(dateOf(0), 'USD', { cnyPerUnit: 7.1234, source: 'x' }).expect(400);
    await setRate('2026-13-01', 'USD', { cnyPerUnit: '7.1234', source: 'x' }).expect(400);
    await setRate(dateOf(0), 'usd', { cnyPerUnit: '7.1234', source: 'x' }).expect(400);
    const set = await setRate(dateOf(0), 'USD', { cnyPerUnit: '7.1234', source: 'CFETS 人民币汇率中间价' }).expect(200);
    expect(set.body).toEqual({ date: dateOf(0), currency: 'USD', cnyPerUnit: '7.1234', source: 'CFETS 人民币汇率中间价' });
  });

  it('subsidises 30% of the CNY value at the rate locked at award, and records the rate on the claim', async () => {
    await setRate(dateOf(0), 'USD', { cnyPerUnit: '7.1234', source: 'CFETS 人民币汇率中间价' }).expect(200);
    // $50,000 = ¥356,170 at 7.1234; 30% = ¥106,851, which is $15,000 at the same rate.
    const { award } = await foreignBid('YE', usd(5_000_000));
    const engagement = (await award().expect(201)).body;
    expect(engagement).toMatchObject({ price: usd(5_000_000), subsidy: usd(1_500_000), enterpriseShare: usd(3_500_000) });
    const [claim] = await sql`select currency, price::int, amount::int, fx_currency, fx_rate, fx_rate_date::text, fx_source, fx_price::int, fx_subsidy::int
                              from subsidy_claims where engagement_id = ${engagement.id}`;
    expect(claim).toEqual({
      currency: 'CNY',
      price: 35_617_000,
      amount: 10_685_100,
      fx_currency: 'USD',
      fx_rate: '7.1234',
      fx_rate_date: dateOf(0),
      fx_source: 'CFETS 人民币汇率中间价',
      fx_price: 5_000_000,
      fx_subsidy: 1_500_000,
    });
    expect((await verifyLedger(sql)).filter((v) => JSON.stringify(v.rows).includes(engagement.id))).toEqual([]);
  });

  it('caps the subsidy at ¥300,000 in CNY, whatever the purchase currency', async () => {
    await setRate(dateOf(0), 'USD', { cnyPerUnit: '7.1234', source: 'CFETS 人民币汇率中间价' }).expect(200);
    // $200,000 = ¥1,424,680; 30% would be ¥427,404; the cap holds it to ¥300,000 = $42,114.72 (rounded down).
    const { award, program } = await foreignBid('SO', usd(20_000_000));
    const engagement = (await award().expect(201)).body;
    expect(engagement.subsidy).toEqual(usd(4_211_472));
    const [claim] = await sql`select amount::int from subsidy_claims where engagement_id = ${engagement.id}`;
    expect(claim!.amount).toBe(30_000_000);
    const view = await api.http.get(`/v1/programs/${program.id}`).set(bearer(program.officer)).expect(200);
    expect(view.body.ledger.committed).toEqual(rmb(300_000));
  });

  it('refuses the award with 409 fx_rate_stale when the latest rate is older than FX_RATE_MAX_AGE_DAYS, and when there is none', async () => {
    await setRate(dateOf(10), 'EUR', { cnyPerUnit: '7.6543', source: 'CFETS 人民币汇率中间价' }).expect(200);
    const stale = await foreignBid('DJ', { amount: 3_000_000, currency: 'EUR' });
    const refused = await stale.award().expect(409);
    expect(refused.body).toMatchObject({ code: 'fx_rate_stale', detail: expect.stringContaining(dateOf(10)) });
    // Nothing was spent: a fresh rate lets the same award through.
    await setRate(dateOf(1), 'EUR', { cnyPerUnit: '7.6543', source: 'CFETS 人民币汇率中间价' }).expect(200);
    expect((await stale.award().expect(201)).body.subsidy.currency).toBe('EUR');

    const none = await foreignBid('ER', { amount: 1_000_000, currency: 'SAR' });
    expect((await none.award().expect(409)).body.code).toBe('fx_rate_stale');
  });

  it('counts refunds at the locked rate when reconciliation recomputes the subsidy', async () => {
    await setRate(dateOf(0), 'USD', { cnyPerUnit: '7.1234', source: 'CFETS 人民币汇率中间价' }).expect(200);
    const { award, program, enterprise } = await foreignBid('KM', usd(5_000_000));
    const engagement = (await award().expect(201)).body;
    const paid = await api.http.post(`/v1/engagements/${engagement.id}/payments`).set(bearer(enterprise.token)).send({ method: 'bank_transfer' }).expect(201);
    const [{ provider_id: providerId }] = await sql`select provider_id from engagements where id = ${engagement.id}`;
    const provider = await api.token('provider', providerId as string);
    await api.http
      .post(`/v1/engagements/${engagement.id}/payments/confirm-transfer`)
      .set(bearer(provider))
      .send({ reference: paid.body.reference, amount: engagement.enterpriseShare })
      .expect(200);
    await api.http.post(`/v1/engagements/${engagement.id}/deliver`).set(bearer(provider)).send({}).expect(200);
    await api.http.post(`/v1/engagements/${engagement.id}/accept`).set(bearer(enterprise.token)).send({}).expect(200);
    // The rate moves after the award; the refund still counts at the locked 7.1234.
    await setRate(dateOf(0), 'USD', { cnyPerUnit: '9.9999', source: 'later' }).expect(200);
    await api.http
      .post(`/v1/engagements/${engagement.id}/refunds`)
      .set(bearer(provider))
      .send({ amount: usd(1_000_000) })
      .expect(200);
    const queued = await api.http.post(`/v1/programs/${program.id}/reconciliations`).set(bearer(program.officer)).expect(202);
    const run = await eventually(
      async () => (await api.http.get(`/v1/reconciliations/${queued.body.runId}`).set(bearer(program.officer))).body,
      (r) => r.status === 'completed' || r.status === 'failed',
      30_000,
    );
    expect(run).toMatchObject({ status: 'completed', counts: { adjusted: 1 } });
    // $10,000 = ¥71,234 at the locked rate: 30% of (¥356,170 − ¥71,234) = ¥85,480.80.
    const [claim] = await sql`select status, approved_amount::int as approved from subsidy_claims where engagement_id = ${engagement.id}`;
    expect(claim).toEqual({ status: 'approved', approved: 8_548_080 });
  });
});
