import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { cny } from '../factories/vouchers.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';

// Countries PL and CZ and Jinhua (a G60 city, taken as a district here) are this file's alone: learning counts every award in the alliance's districts.
const DISTRICT = 'jinhua';
const AWARDS = 32;

/**
 * Two providers cover Poland and Czechia. `polish` speaks Polish, has its office in Czechia and
 * knows software (65); `czech` speaks Czech, has its office in Poland and knows electrical
 * machinery (38). Poland's requests are for 38, Czechia's for 65: under the default weights the
 * office and the sector put the provider that does NOT speak the language first, but this
 * alliance's enterprises always award the one that speaks it.
 */
// Job schedulers live in Redis under the prefix: another file's worker booting on the shared
// prefix would upsert 'match-learning' back to its daily default, and the learning would stop.
const LEARNING_PREFIX = `${process.env.REDIS_PREFIX}_learning`;

describe('weights learned from an alliance’s own awards', () => {
  let api: Api;
  let worker: INestApplicationContext | undefined;
  let alliance: { id: string; manager: string };
  let polish: { id: string; token: string };
  let czech: { id: string; token: string };
  let enterprises: { id: string; token: string }[];

  const profile = (languages: string[], office: string, sector: string) => ({
    district: DISTRICT,
    categories: ['ip'],
    services: ['patents', 'trademarks'],
    countries: ['PL', 'CZ'],
    overseasOffices: [office],
    sectors: [sector],
    languages,
    capacity: 1000,
  });
  const requestFor = (country: 'PL' | 'CZ') => ({
    category: 'ip',
    services: ['patents'],
    countries: [country],
    sector: country === 'PL' ? '38' : '65',
    languages: ['zh-CN', country === 'PL' ? 'pl' : 'cs'],
    budget: { min: cny(1_000_000), max: cny(40_000_000) },
  });
  const ranking = async (enterprise: { token: string }, country: 'PL' | 'CZ') => {
    const requestId = await createRequest(api, enterprise.token, requestFor(country));
    await publish(api, enterprise.token, requestId);
    const res = await api.http.get(`/v1/requests/${requestId}/matches`).set(bearer(enterprise.token)).expect(200);
    return { requestId, order: (res.body.data as { providerId: string }[]).map((m) => m.providerId) };
  };
  const proposals = async () =>
    (await api.http.get(`/v1/alliances/${alliance.id}/match-weights/proposals`).set(bearer(alliance.manager)).expect(200)).body.data as {
      id: string;
      status: string;
      awards: number;
      heldOut: number;
      holdsUp: boolean;
      reason: string | null;
      weights: Record<string, number> | null;
      holdout: { current: { ndcgAt10: number; mrr: number }; proposed: { ndcgAt10: number; mrr: number } } | null;
    }[];

  const awardOne = async (i: number) => {
    const enterprise = enterprises[i % 2]!;
    const country = i % 2 === 0 ? 'PL' : 'CZ';
    const { requestId } = await ranking(enterprise, country);
    const bids: Record<string, string> = {};
    for (const provider of [polish, czech]) {
      const res = await api.http
        .post(`/v1/requests/${requestId}/bids`)
        .set(bearer(provider.token))
        .send({ price: cny(5_000_000), timelineDays: 30, proposal: '专利与商标申请 Patent and trademark filing', milestones: [] })
        .expect(201);
      bids[provider.id] = res.body.id as string;
    }
    const speaker = country === 'PL' ? polish : czech;
    await api.http.post(`/v1/requests/${requestId}/award`).set(bearer(enterprise.token)).send({ bidId: bids[speaker.id] }).expect(201);
  };

  beforeAll(async () => {
    api = await startApi();
    alliance = await createAlliance(api, '金华出海服务联盟', [DISTRICT]);
    polish = await createProvider(api, profile(['zh-CN', 'pl'], 'CZ', '65'));
    czech = await createProvider(api, profile(['zh-CN', 'cs'], 'PL', '38'));
    await vet(api, alliance, polish);
    await vet(api, alliance, czech);
    enterprises = [await createEnterprise(api, { district: DISTRICT }), await createEnterprise(api, { district: DISTRICT })];
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('ranks by the office and the sector under the default weights', async () => {
    expect((await ranking(enterprises[0]!, 'PL')).order).toEqual([czech.id, polish.id]);
    expect((await ranking(enterprises[0]!, 'CZ')).order).toEqual([czech.id, polish.id].reverse());
  });

  it('records why it proposes nothing on too few awards, then learns the language-led taste once there are enough', async () => {
    for (let i = 0; i < 10; i++) await awardOne(i);
    worker = await startWorker({ MATCH_LEARNING_EVERY_MS: '1000', REDIS_PREFIX: LEARNING_PREFIX });
    const early = await eventually(proposals, (list) => list.length > 0, 30_000);
    expect(early[0]).toMatchObject({ status: 'insufficient', weights: null, reason: expect.stringMatching(/fewer than the 30/) });

    for (let i = 10; i < AWARDS; i++) await awardOne(i);
    const [latest] = await eventually(proposals, (list) => list[0]?.awards === AWARDS && list[0]?.status === 'proposed', 60_000);
    expect(latest!.heldOut).toBeGreaterThanOrEqual(6);
    expect(latest!.holdsUp).toBe(true);
    expect(latest!.holdout!.proposed.ndcgAt10).toBeGreaterThan(latest!.holdout!.current.ndcgAt10);
    expect(latest!.weights!.language).toBeGreaterThan(latest!.weights!.country_coverage! + latest!.weights!.sector_experience!);
  }, 240_000);

  it('ranks the language-matched provider first once applied, and as before after a rollback', async () => {
    await worker?.close();
    worker = undefined;
    const [proposal] = await proposals();
    const other = await api.token('alliance_manager', (await createAlliance(api, '别的联盟', ['huzhou'])).id);
    await api.http.post(`/v1/alliances/${alliance.id}/match-weights/proposals/${proposal!.id}/apply`).set(bearer(other)).expect(404);
    await api.http.post(`/v1/alliances/${alliance.id}/match-weights/rollback`).set(bearer(alliance.manager)).expect(409);

    const applied = await api.http.post(`/v1/alliances/${alliance.id}/match-weights/proposals/${proposal!.id}/apply`).set(bearer(alliance.manager)).expect(200);
    expect(applied.body).toMatchObject({ status: 'applied', appliedBy: expect.any(String) });
    await api.http.post(`/v1/alliances/${alliance.id}/match-weights/proposals/${proposal!.id}/apply`).set(bearer(alliance.manager)).expect(409);
    const weights = await api.http.get(`/v1/alliances/${alliance.id}/match-weights`).set(bearer(alliance.manager)).expect(200);
    expect(weights.body.weights.language).toBeCloseTo(proposal!.weights!.language!, 9);
    expect((await ranking(enterprises[1]!, 'PL')).order[0]).toBe(polish.id);
    expect((await ranking(enterprises[1]!, 'CZ')).order[0]).toBe(czech.id);

    const rolledBack = await api.http.post(`/v1/alliances/${alliance.id}/match-weights/rollback`).set(bearer(alliance.manager)).expect(200);
    expect(rolledBack.body).toMatchObject({ id: proposal!.id, status: 'rolled_back' });
    expect((await api.http.get(`/v1/alliances/${alliance.id}/match-weights`).set(bearer(alliance.manager)).expect(200)).body.overrides).toBeNull();
    expect((await ranking(enterprises[1]!, 'PL')).order[0]).toBe(czech.id);
    expect((await ranking(enterprises[1]!, 'CZ')).order[0]).toBe(polish.id);
  }, 120_000);

  it('keeps the "apply when it holds up" switch per alliance, for its managers', async () => {
    const off = await api.http.get(`/v1/alliances/${alliance.id}/match-weights/learning`).set(bearer(alliance.manager)).expect(200);
    expect(off.body).toMatchObject({ autoApply: false, halfLifeDays: 90, minAwards: 30 });
    const on = await api.http.put(`/v1/alliances/${alliance.id}/match-weights/learning`).set(bearer(alliance.manager)).send({ autoApply: true }).expect(200);
    expect(on.body.autoApply).toBe(true);
    await api.http.put(`/v1/alliances/${alliance.id}/match-weights/learning`).set(bearer(alliance.manager)).send({ autoApply: 'yes' }).expect(400);
    const enterprise = await api.token('enterprise', enterprises[0]!.id);
    await api.http.get(`/v1/alliances/${alliance.id}/match-weights/proposals`).set(bearer(enterprise)).expect(403);

    // With the switch on, the next run applies what holds up by itself, audited as the job.
    await awardOne(AWARDS);
    worker = await startWorker({ MATCH_LEARNING_EVERY_MS: '1000', REDIS_PREFIX: LEARNING_PREFIX });
    const [latest] = await eventually(proposals, (list) => list[0]?.awards === AWARDS + 1, 60_000);
    expect(latest).toMatchObject({ status: 'applied', appliedBy: 'match-learning', holdsUp: true });
    expect((await ranking(enterprises[0]!, 'PL')).order[0]).toBe(polish.id);
  }, 120_000);
});
