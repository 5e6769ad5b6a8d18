import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSql } from '../../src/db/database.js';
import { verifyLedger } from '../../src/modules/ledger/ledger-verify.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import type { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
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

  // Last in the file: these load rates of several currencies (the stale-rate test wants none of SAR).
  it("imports the day's central-parity table: every row with its source, nothing when a row is bad, the same table again changes nothing", async () => {
    const date = dateOf(3);
    const importParity = (body: object, token = admin) => api.http.post(`/v1/fx-rates/${date}/central-parity`).set(bearer(token)).send(body);
    const csv = 'pair,rate\r\nUSD/CNY,7.1180\r\nEUR/CNY,7.6601\r\n100JPY/CNY,4.7890\r\nCNY/SAR,0.52345\r\n';
    await importParity({ csv }, await api.token('district_officer', 'xuhui')).expect(403);

    // One bad row (and a bad figure) refuses the whole table, naming each row and field.
    const bad = await importParity({ csv: 'pair,rate\nUSD/CNY,7.1180\nEUR/CNY,7,66\nGBP/USD,1.27\nHKD/CNY,0.9130' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'rows.4.pair' }] });
    const worse = await importParity({ csv: 'pair,rate\nUSD/CNY,seven\nEUR/CNY,7.66\nEUR/CNY,7.66' }).expect(400);
    expect(worse.body.errors.map((e: { path: string }) => e.path)).toEqual(['rows.2.rate', 'rows.4.pair']);
    await importParity({ csv, xlsx: 'AAAA' }).expect(400);
    expect(await sql`select currency from fx_rates where rate_date = ${date}`).toEqual([]);

    const first = await importParity({ csv }).expect(200);
    expect(first.body).toMatchObject({ date, created: 4, updated: 0, unchanged: 0 });
    const rows = await sql`select currency, cny_per_unit, source, set_by from fx_rates where rate_date = ${date} order by currency`;
    expect(rows.map((r) => [r.currency, r.cny_per_unit, r.source])).toEqual([
      ['EUR', '7.6601', 'CFETS 人民币汇率中间价 (EUR/CNY 7.6601)'],
      ['JPY', '0.04789', 'CFETS 人民币汇率中间价 (100JPY/CNY 4.7890)'],
      ['SAR', '1.9104021396', 'CFETS 人民币汇率中间价 (CNY/SAR 0.52345)'],
      ['USD', '7.118', 'CFETS 人民币汇率中间价 (USD/CNY 7.1180)'],
    ]);
    expect((await importParity({ csv }).expect(200)).body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });

    // CFETS's own table (a column per pair, a row per date) as an .xlsx: the row of the date is taken.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('中间价');
    sheet.addRow(['日期', 'USD/CNY', 'EUR/CNY', '100JPY/CNY', 'CNY/SAR', 'CNY/MYR']);
    sheet.addRow([dateOf(4), '7.1000', '7.6500', '4.7000', '0.5200', '0.6']);
    sheet.addRow([date, '7.1180', '7.6601', '4.7890', '0.52345', '0.6123']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const again = await importParity({ xlsx }).expect(200);
    expect(again.body).toMatchObject({ created: 1, updated: 0, unchanged: 4 });
    expect(again.body.rates.find((r: { currency: string }) => r.currency === 'MYR')).toEqual({
      date,
      currency: 'MYR',
      cnyPerUnit: '1.6331863465',
      source: 'CFETS 人民币汇率中间价 (CNY/MYR 0.6123)',
    });
    const [audit] = await sql`select count(*)::int as n from audit_log where action = 'fx_rates.central_parity_imported' and entity_id = ${date}`;
    expect(audit!.n).toBe(3);
  });

  it("shows the enterprise a bid in the provider's own currency in CNY at today's rate and after its CNY voucher; the award locks that rate", async () => {
    await setRate(dateOf(0), 'USD', { cnyPerUnit: '7.1234', source: 'CFETS 人民币汇率中间价' }).expect(200);
    const program = await createProgram(api);
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(300_000));
    const services = ['odi_filing', 'entity_setup'];
    const provider = await createProvider(api, { district: 'xuhui', categories: ['legal'], services, countries: ['TV'], overseasOffices: ['TV'] });
    await vet(api, alliance, provider);
    // The request is priced in CNY; the provider bids in USD, its milestones in USD too.
    const requestId = await createRequest(api, enterprise.token, {
      category: 'legal',
      services,
      countries: ['TV'],
      budget: { min: rmb(1), max: rmb(1_000_000) },
    });
    await publish(api, enterprise.token, requestId);
    const milestones = [
      { title: '第一阶段 Filing', amount: usd(2_000_000), dueInDays: 20 },
      { title: '第二阶段 Entity', amount: usd(3_000_000), dueInDays: 60 },
    ];
    const mixed = await api.http
      .post(`/v1/requests/${requestId}/bids`)
      .set(bearer(provider.token))
      .send({
        price: usd(5_000_000),
        timelineDays: 60,
        proposal: 'Funafuti entity',
        milestones: [milestones[0], { ...milestones[1], amount: { amount: 3_000_000, currency: 'CNY' } }],
      })
      .expect(400);
    expect(mixed.body.errors).toEqual([{ path: 'milestones.1.amount.currency', message: 'must match price.currency' }]);
    const bid = await api.http
      .post(`/v1/requests/${requestId}/bids`)
      .set(bearer(provider.token))
      .send({ price: usd(5_000_000), timelineDays: 60, proposal: 'Funafuti entity', milestones })
      .expect(201);
    expect(bid.body).toMatchObject({ price: usd(5_000_000), milestones: [{ amount: usd(2_000_000) }, { amount: usd(3_000_000) }] });
    expect(bid.body.cnyEquivalent).toBeUndefined();

    const listed = await api.http.get(`/v1/requests/${requestId}/bids`).set(bearer(enterprise.token)).expect(200);
    const [seen] = listed.body.data;
    // $50,000 = ¥356,170 at 7.1234; 30% = ¥106,851 ($15,000), so the enterprise pays $35,000 (¥249,319).
    expect(seen.cnyEquivalent).toEqual({ price: rmb(356_170), cnyPerUnit: '7.1234', rateDate: dateOf(0), source: 'CFETS 人民币汇率中间价' });
    expect(seen.costAfterSubsidy).toEqual([
      {
        voucherId,
        programId: program.id,
        subsidy: usd(1_500_000),
        cost: usd(3_500_000),
        converted: {
          cnyPerUnit: '7.1234',
          rateDate: dateOf(0),
          source: 'CFETS 人民币汇率中间价',
          price: rmb(356_170),
          subsidy: rmb(106_851),
          cost: rmb(249_319),
        },
      },
    ]);
    const own = await api.http.get(`/v1/requests/${requestId}/bids`).set(bearer(provider.token)).expect(200);
    expect(own.body.data[0].cnyEquivalent).toBeUndefined();

    // The award locks the rate it showed; a later rate changes nothing of this engagement.
    const engagement = (
      await api.http.post(`/v1/requests/${requestId}/award`).set(bearer(enterprise.token)).send({ bidId: bid.body.id, voucherId }).expect(201)
    ).body;
    expect(engagement).toMatchObject({ price: usd(5_000_000), subsidy: usd(1_500_000), enterpriseShare: usd(3_500_000) });
    await setRate(dateOf(0), 'USD', { cnyPerUnit: '8.0000', source: 'later' }).expect(200);
    const [claim] = await sql`select amount::int, fx_rate, fx_currency from subsidy_claims where engagement_id = ${engagement.id}`;
    expect(claim).toEqual({ amount: 10_685_100, fx_rate: '7.1234', fx_currency: 'USD' });
    const ms = await api.http.get(`/v1/engagements/${engagement.id}/milestones`).set(bearer(enterprise.token)).expect(200);
    expect(ms.body.milestones.map((m: { amount: object; due: { amount: number; currency: string } }) => [m.amount, m.due.currency])).toEqual([
      [usd(2_000_000), 'USD'],
      [usd(3_000_000), 'USD'],
    ]);
    expect(ms.body.milestones.reduce((sum: number, m: { due: { amount: number } }) => sum + m.due.amount, 0)).toBe(3_500_000);
    await setRate(dateOf(0), 'USD', { cnyPerUnit: '7.1234', source: 'CFETS 人民币汇率中间价' }).expect(200);
  });
});
