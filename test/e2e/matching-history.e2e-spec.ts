import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { act, awardedEngagement } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { ratingsAveraging, recordPastWork } from '../factories/history.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { cny, createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

interface Match {
  providerId: string;
  rank: number;
  score: number;
  reasons: string[];
  reasonsZh: string[];
  factors: { name: string; value: number; contribution: number }[];
}

const factor = (match: Match, name: string) => match.factors.find((f) => f.name === name)!.value;

describe('matching fed by the marketplace history', () => {
  let api: Api;
  let alliance: { id: string; manager: string };
  let pastClient: { id: string; token: string };
  const database = openDatabase();
  beforeAll(async () => {
    // Fair exposure reorders scores within its band by design; these cases are about the scores.
    api = await startApi({ FAIR_EXPOSURE_BAND: '0' });
    alliance = await createAlliance(api);
    pastClient = await createEnterprise(api);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  /** Legal providers identical in everything a request can fit, working in `country` only. */
  const provider = async (country: string, overrides: Record<string, unknown> = {}) => {
    const created = await createProvider(api, { countries: [country], overseasOffices: [country], ...overrides });
    await vet(api, alliance, created);
    return created;
  };
  const matchesFor = async (enterprise: { token: string }, country: string): Promise<Match[]> => {
    const requestId = await createRequest(api, enterprise.token, {
      category: 'legal',
      services: ['odi_filing', 'entity_setup'],
      countries: [country],
      sector: '38',
    });
    await publish(api, enterprise.token, requestId);
    return (await api.http.get(`/v1/requests/${requestId}/matches`).set(bearer(enterprise.token)).expect(200)).body.data;
  };

  it('ranks a provider rated highly above an identical one rated poorly, saying so in both languages', async () => {
    const low = await provider('OM');
    const high = await provider('OM');
    await recordPastWork(database.db, pastClient.id, low.id, { ratings: Array(12).fill(2), country: 'OM' });
    await recordPastWork(database.db, pastClient.id, high.id, { ratings: Array(12).fill(5), country: 'OM' });

    const matches = await matchesFor(await createEnterprise(api), 'OM');
    expect(matches.map((m) => m.providerId)).toEqual([high.id, low.id]);
    const [first, second] = matches as [Match, Match];
    expect(factor(first, 'quality')).toBeGreaterThan(factor(second, 'quality'));
    expect(first.reasons).toContain('Rated 5 from 12 reviews; completed 12 of 12 engagements; chosen for 12 of 12 bids');
    expect(first.reasonsZh).toContain('评分 5（12 条评价）；已完成 12 个项目中的 12 个；12 次投标中标 12 次');
    expect(second.reasons).toContain('Rated 2 from 12 reviews; completed 12 of 12 engagements; chosen for 12 of 12 bids');
    expect(second.reasonsZh).toContain('评分 2（12 条评价）；已完成 12 个项目中的 12 个；12 次投标中标 12 次');
    // Both completed their twelve in Oman, and both bid on every invitation within six hours.
    expect(first.reasons).toContain('Completed 12 engagements in Oman');
    expect(second.reasonsZh).toContain('在阿曼已完成 12 个项目');
    expect(first.reasons).toContain('Bid on 12 of 12 invitations; median 6 h to first bid');
  });

  it('ranks one 5★ rating below forty ratings averaging 4.8', async () => {
    const once = await provider('QA');
    const steady = await provider('QA');
    // Their past work was elsewhere, so only their quality and responsiveness differ here.
    await recordPastWork(database.db, pastClient.id, once.id, { ratings: [5], country: 'BH' });
    await recordPastWork(database.db, pastClient.id, steady.id, { ratings: ratingsAveraging(4.8, 40), country: 'BH' });

    const matches = await matchesFor(await createEnterprise(api), 'QA');
    expect(matches.map((m) => m.providerId)).toEqual([steady.id, once.id]);
    const [first, second] = matches as [Match, Match];
    expect(factor(first, 'quality')).toBeGreaterThan(factor(second, 'quality'));
    expect(first.reasons).toContain('Rated 4.8 from 40 reviews; completed 40 of 40 engagements; chosen for 40 of 40 bids');
    expect(second.reasons).toContain('Rated 5 from 1 review; completed 1 of 1 engagement; chosen for 1 of 1 bid');
    expect(factor(first, 'track_record')).toBe(0);
    expect(first.reasonsZh).toContain('评分 4.8（40 条评价）；已完成 40 个项目中的 40 个；40 次投标中标 40 次');
    expect(second.reasonsZh).toContain('评分 5（1 条评价）；已完成 1 个项目中的 1 个；1 次投标中标 1 次');
  });

  it('gives in-district providers a voucher_eligibility above 0 for an enterprise holding a Xuhui voucher', async () => {
    const inXuhui = await provider('KW', { district: 'xuhui' });
    const inJingan = await provider('KW', { district: 'jingan' });
    const holder = await createEnterprise(api, { district: 'xuhui' });
    const program = await createProgram(api);
    await issueVoucher(api, program, holder.id, rmb(300_000));

    const matches = await matchesFor(holder, 'KW');
    const xuhui = matches.find((m) => m.providerId === inXuhui.id)!;
    const jingan = matches.find((m) => m.providerId === inJingan.id)!;
    // 30% of a purchase at the budget's maximum (100,000 RMB), well under the caps.
    expect(factor(xuhui, 'voucher_eligibility')).toBeCloseTo(0.3, 12);
    expect(factor(jingan, 'voucher_eligibility')).toBe(0);
    expect(xuhui.reasons).toContain('A voucher would pay 30% of the price');
    expect(xuhui.reasonsZh).toContain('可用代金券补贴价格的 30%');
    expect(xuhui.score).toBeGreaterThan(jingan.score);

    // Without a voucher the same two providers are equal on every factor.
    const other = await matchesFor(await createEnterprise(api, { district: 'xuhui' }), 'KW');
    expect(other.map((m) => factor(m, 'voucher_eligibility'))).toEqual([0, 0]);
  });

  it('learns from an engagement run through the whole flow: bid, award, payment, delivery, acceptance, rating', async () => {
    const { enterprise, provider: worker, engagement } = await awardedEngagement(api, alliance, { country: 'JO', price: 5_000_000 });
    const { reference } = (await act(api, enterprise.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, worker.token, engagement.id, 'payments/confirm-transfer', { reference, amount: cny(5_000_000) }).expect(200);
    await act(api, worker.token, engagement.id, 'deliver', { invoiceNumber: 'SH-2026-JO-1' }).expect(200);
    await act(api, enterprise.token, engagement.id, 'accept').expect(200);
    await act(api, enterprise.token, engagement.id, 'rating', { score: 4 }).expect(200);

    const matches = await matchesFor(await createEnterprise(api), 'JO');
    const match = matches.find((m) => m.providerId === worker.id)!;
    expect(match.reasons).toContain('Rated 4 from 1 review; completed 1 of 1 engagement; chosen for 1 of 1 bid');
    expect(match.reasons).toContain('Completed 1 engagement in Jordan');
    expect(match.reasonsZh).toContain('在约旦已完成 1 个项目');
    expect(match.reasons.some((r) => r.startsWith('Bid on 1 of 1 invitation'))).toBe(true);
  });
});
