import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { and, eq, sql } from 'drizzle-orm';
import { invitations, outbox } from '../../src/db/schema/index.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish, requestBody } from '../factories/requests.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

const ip = (overrides: Record<string, unknown>) => ({
  categories: ['ip'],
  services: ['patents', 'trademarks'],
  overseasOffices: [],
  sectors: ['38'],
  ...overrides,
});

describe('requests and matching', () => {
  let api: Api;
  let alliance: { id: string; manager: string };
  const database = openDatabase();
  beforeAll(async () => {
    api = await startApi({ MATCH_INVITE_TOP_K: '2' });
    alliance = await createAlliance(api);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  const vetted = async (overrides: Record<string, unknown>) => {
    const provider = await createProvider(api, ip(overrides));
    await vet(api, alliance, provider);
    return provider;
  };

  it('ranks the eligible providers, explains every factor, and invites the top K', async () => {
    const office = await vetted({ countries: ['HU'], overseasOffices: ['HU'], languages: ['zh-CN', 'hu'] });
    const covers = await vetted({ countries: ['HU', 'DE'], services: ['patents'], sectors: ['C'], languages: ['en'] });
    const weak = await vetted({ countries: ['HU'], services: ['trademarks'], sectors: ['65'], languages: ['de'] });
    await createProvider(api, ip({ countries: ['HU'], overseasOffices: ['HU'], languages: ['zh-CN'] })); // not vetted
    await vetted({ countries: ['DE'] }); // does not cover Hungary
    await vetted({ categories: ['legal'], services: ['odi_filing'], countries: ['HU'] }); // another category
    const enterprise = await createEnterprise(api);

    const requestId = await createRequest(api, enterprise.token);
    await publish(api, enterprise.token, requestId);
    const res = await api.http.get(`/v1/requests/${requestId}/matches`).set(bearer(enterprise.token)).expect(200);
    const matches = res.body.data as {
      providerId: string;
      rank: number;
      score: number;
      invited: boolean;
      reasons: string[];
      reasonsZh: string[];
      factors: { name: string; contribution: number }[];
    }[];

    expect(matches.map((m) => m.providerId)).toEqual([office.id, covers.id, weak.id]);
    expect(matches.map((m) => m.rank)).toEqual([1, 2, 3]);
    expect(matches.map((m) => m.invited)).toEqual([true, true, false]);
    for (const match of matches) {
      expect(match.factors).toHaveLength(9);
      expect(match.factors.reduce((sum, f) => sum + f.contribution, 0)).toBeCloseTo(match.score, 12);
    }
    expect(matches[0]!.reasons.join(' ')).toContain('Hungary');
    expect(matches[0]!.reasonsZh.join(' ')).toContain('匈牙利');
    expect(matches[0]!.score).toBeGreaterThan(matches[1]!.score);

    const notified = await database.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(
        and(
          eq(outbox.queue, 'notifications'),
          sql`${outbox.payload}->>'event' = 'request.invited'`,
          sql`${outbox.payload}->'data'->>'requestId' = ${requestId}`,
        ),
      );
    expect(notified.map((n) => (n.payload as { recipientOrg: string }).recipientOrg).sort()).toEqual([office.id, covers.id].sort());

    await api.http.get(`/v1/requests/${requestId}`).set(bearer(office.token)).expect(200);
    await api.http.get(`/v1/requests/${requestId}`).set(bearer(weak.token)).expect(404);
    await api.http.get(`/v1/requests/${requestId}/matches`).set(bearer(office.token)).expect(403);
    const stranger = await createEnterprise(api);
    await api.http.get(`/v1/requests/${requestId}`).set(bearer(stranger.token)).expect(404);
    await api.http.get(`/v1/requests/${requestId}/matches`).set(bearer(stranger.token)).expect(404);
  });

  it('answers 400 naming each bad field of a request', async () => {
    const enterprise = await createEnterprise(api);
    const res = await api.http
      .post('/v1/requests')
      .set(bearer(enterprise.token))
      .send(
        requestBody({
          services: ['patents', 'odi_filing', 'juggling'],
          countries: ['XX'],
          budget: { min: { amount: 10, currency: 'CNY' }, max: { amount: 5, currency: 'CNY' } },
          biddingClosesAt: '2020-01-01T00:00:00Z',
        }),
      )
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'biddingClosesAt',
      'budget.max.amount',
      'countries.0',
      'services.1',
      'services.2',
    ]);
    const categoryMix = await api.http
      .post('/v1/requests')
      .set(bearer(enterprise.token))
      .send(requestBody({ services: ['patents', 'odi_filing'] }))
      .expect(400);
    expect(categoryMix.body.errors).toEqual([{ path: 'services.1', message: 'belongs to category legal, not ip' }]);
    const budget = await api.http
      .post('/v1/requests')
      .set(bearer(enterprise.token))
      .send(requestBody({ budget: { min: { amount: 10, currency: 'CNY' }, max: { amount: 5, currency: 'CNY' } } }))
      .expect(400);
    expect(budget.body.errors).toEqual([{ path: 'budget.max.amount', message: 'must not be below budget.min.amount' }]);
    const unregistered = await api.token('enterprise', randomUUID());
    expect((await api.http.post('/v1/requests').set(bearer(unregistered)).send(requestBody())).status).toBe(409);
  });

  it('publishes a draft once, cancels open requests, and refuses the rest', async () => {
    const enterprise = await createEnterprise(api);
    const requestId = await createRequest(api, enterprise.token);
    const other = await createEnterprise(api);
    await api.http.post(`/v1/requests/${requestId}/publish`).set(bearer(other.token)).expect(404);
    await publish(api, enterprise.token, requestId);
    await api.http.post(`/v1/requests/${requestId}/publish`).set(bearer(enterprise.token)).expect(409);
    const cancelled = await api.http.post(`/v1/requests/${requestId}/cancel`).set(bearer(enterprise.token)).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await api.http.post(`/v1/requests/${requestId}/cancel`).set(bearer(enterprise.token)).expect(409);
  });

  it('spreads invitations across near-equal providers while a clearly better one is always invited', async () => {
    const equals = [];
    for (let i = 0; i < 4; i++) equals.push(await vetted({ countries: ['BR'], languages: ['pt'] }));
    const better = await vetted({ countries: ['BR'], overseasOffices: ['BR'], languages: ['zh-CN', 'pt'] });
    const enterprise = await createEnterprise(api);
    for (let i = 0; i < 8; i++) {
      await publish(api, enterprise.token, await createRequest(api, enterprise.token, { countries: ['BR'], title: `巴西专利 ${i}` }));
    }
    const counts = await database.db
      .select({ providerId: invitations.providerId, n: sql<number>`count(*)::int` })
      .from(invitations)
      .where(
        sql`${invitations.providerId} in (${sql.join(
          [...equals, better].map((p) => sql`${p.id}`),
          sql`, `,
        )})`,
      )
      .groupBy(invitations.providerId);
    const byProvider = new Map(counts.map((c) => [c.providerId, c.n]));
    expect(byProvider.get(better.id)).toBe(8);
    expect(equals.map((p) => byProvider.get(p.id) ?? 0)).toEqual([2, 2, 2, 2]);
  });

  it('matches again on request, inviting a newly vetted provider that now ranks in the top K', async () => {
    const enterprise = await createEnterprise(api);
    const first = await vetted({ countries: ['AR'], languages: ['es'] });
    const requestId = await createRequest(api, enterprise.token, { countries: ['AR'] });
    await publish(api, enterprise.token, requestId);
    const strong = await vetted({ countries: ['AR'], overseasOffices: ['AR'], languages: ['zh-CN', 'es'] });
    const rerun = await api.http.post(`/v1/requests/${requestId}/matches`).set(bearer(enterprise.token)).expect(200);
    expect(rerun.body.data.map((m: { providerId: string }) => m.providerId)).toEqual([strong.id, first.id]);
    await api.http.get(`/v1/requests/${requestId}`).set(bearer(strong.token)).expect(200);
    await api.http.post(`/v1/requests/${requestId}/cancel`).set(bearer(enterprise.token)).expect(200);
    await api.http.post(`/v1/requests/${requestId}/matches`).set(bearer(enterprise.token)).expect(409);
  });

  it('ranks with the weights of the alliance covering the enterprise’s district', async () => {
    const district = 'jinshan'; // no other test's alliance covers it: one covering alliance means its weights apply
    const admin = await api.token('admin', 'platform');
    const created = await api.http
      .post('/v1/alliances')
      .set(bearer(admin))
      .send({ name: '金山出海服务联盟', districts: [district] })
      .expect(201);
    const local = { id: created.body.id as string, manager: await api.token('alliance_manager', created.body.id) };
    const languageOnly = {
      country_coverage: 0,
      service_fit: 0,
      sector_experience: 0,
      quality: 0,
      responsiveness: 0,
      price_fit: 0,
      track_record: 0,
      voucher_eligibility: 0,
      language: 1,
    };
    await api.http.put(`/v1/alliances/${local.id}/match-weights`).set(bearer(alliance.manager)).send({ weights: languageOnly }).expect(404);
    const bad = await api.http
      .put(`/v1/alliances/${local.id}/match-weights`)
      .set(bearer(local.manager))
      .send({ weights: { language: -1 } })
      .expect(400);
    expect(bad.body.errors[0].path).toBe('weights.language');
    const set = await api.http.put(`/v1/alliances/${local.id}/match-weights`).set(bearer(local.manager)).send({ weights: languageOnly }).expect(200);
    expect(set.body.weights.language).toBe(1);

    const office = await vetted({ countries: ['CL'], overseasOffices: ['CL'], languages: ['es'] });
    const speaker = await vetted({ countries: ['CL'], languages: ['zh-CN'] });
    const enterprise = await createEnterprise(api, { district });
    const requestId = await createRequest(api, enterprise.token, { countries: ['CL'] });
    await publish(api, enterprise.token, requestId);
    const res = await api.http.get(`/v1/requests/${requestId}/matches`).set(bearer(enterprise.token)).expect(200);
    expect(res.body.data.map((m: { providerId: string }) => m.providerId)).toEqual([speaker.id, office.id]);
    expect(res.body.data[0].factors.find((f: { name: string }) => f.name === 'language').weight).toBe(1);
  });
});
