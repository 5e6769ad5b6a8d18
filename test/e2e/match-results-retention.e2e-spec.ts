import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { asc, eq, sql } from 'drizzle-orm';
import { matchResultArchives, matchResults, serviceRequests } from '../../src/db/schema/index.js';
import { MatchResultsRetention } from '../../src/modules/matching/match-results-retention.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { openDatabase, startApi, startWorker, type Api } from '../support/harness.js';

const COUNTRY = 'VU';
const cny = (amount: number) => ({ amount, currency: 'CNY' });

describe('match results retention', () => {
  const database = openDatabase();
  let api: Api;
  let worker: INestApplicationContext;
  let alliance: { id: string; manager: string };

  beforeAll(async () => {
    api = await startApi({ MATCH_INVITE_TOP_K: '1' });
    worker = await startWorker({
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}_match_retention`,
      MATCH_RESULTS_RETENTION_DAYS: '365',
      MATCH_RESULTS_ARCHIVE_TOP: '2',
    });
    alliance = await createAlliance(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await database.close();
  });

  const ranking = async (requestId: string) =>
    database.db
      .select({ providerId: matchResults.providerId, rank: matchResults.rank, invited: matchResults.invited })
      .from(matchResults)
      .where(eq(matchResults.requestId, requestId))
      .orderBy(asc(matchResults.rank));
  const publishedDaysAgo = (requestId: string, days: number) =>
    database.db
      .update(serviceRequests)
      .set({ publishedAt: sql`now() - make_interval(days => ${days})` })
      .where(eq(serviceRequests.id, requestId));

  it('prunes old closed rankings to what the metrics read, keeps the candidate count, and leaves open or recent ones', async () => {
    const providers = [];
    for (let i = 0; i < 5; i++) {
      const provider = await createProvider(api, {
        categories: ['legal'],
        services: ['odi_filing', 'entity_setup'],
        countries: [COUNTRY],
        overseasOffices: i < 2 ? [COUNTRY] : [],
        languages: i % 2 === 0 ? ['zh-CN'] : ['en'],
      });
      await vet(api, alliance, provider);
      providers.push(provider);
    }
    const enterprise = await createEnterprise(api);
    const requestFor = { category: 'legal', services: ['odi_filing', 'entity_setup'], countries: [COUNTRY], budget: { min: cny(1), max: cny(10_000_000) } };
    const [old, stillOpen, recent] = [
      await createRequest(api, enterprise.token, requestFor),
      await createRequest(api, enterprise.token, requestFor),
      await createRequest(api, enterprise.token, requestFor),
    ];
    for (const id of [old!, stillOpen!, recent!]) await publish(api, enterprise.token, id);

    const before = await ranking(old!);
    expect(before.map((m) => m.rank)).toEqual([1, 2, 3, 4, 5]);
    const reviewed = before[4]!.providerId;
    for (const id of [old!, recent!]) {
      // Fair exposure may invite another near-equal provider to the next request.
      const invited = (await ranking(id)).find((m) => m.invited)!;
      const winner = providers.find((p) => p.id === invited.providerId)!;
      const placed = await api.http
        .post(`/v1/requests/${id}/bids`)
        .set(bearer(winner.token))
        .send({ price: cny(2_000_000), timelineDays: 30, proposal: '瓦努阿图公司设立 Entity set-up in Vanuatu', milestones: [] })
        .expect(201);
      await api.http.post(`/v1/requests/${id}/award`).set(bearer(enterprise.token)).send({ bidId: placed.body.id }).expect(201);
    }
    await api.http
      .post(`/v1/matches/${old}/${reviewed}/review`)
      .set(bearer(alliance.manager))
      .send({ verdict: 'poor', reason: '无当地办公室 No office there' })
      .expect(200);
    await publishedDaysAgo(old!, 400);
    await publishedDaysAgo(stillOpen!, 400);
    await publishedDaysAgo(recent!, 30);

    // Two workers sweeping at once prune each row once and archive each request once.
    const retention = worker.get(MatchResultsRetention);
    await Promise.all([retention.sweep(), retention.sweep()]);

    // Kept: the top 2 (rank 1 among them was invited and awarded) and the reviewed one, with their ranks.
    expect((await ranking(old!)).map((m) => m.rank)).toEqual([1, 2, 5]);
    const [archive] = await database.db.select().from(matchResultArchives).where(eq(matchResultArchives.requestId, old!));
    expect(archive).toMatchObject({ candidates: 5, pruned: 2 });
    expect(await ranking(stillOpen!)).toHaveLength(5);
    expect(await ranking(recent!)).toHaveLength(5);
    const untouched = await database.db.select().from(matchResultArchives).where(eq(matchResultArchives.requestId, stillOpen!));
    expect(untouched).toEqual([]);

    // The manager's review list still counts every candidate the engine ranked.
    const reviews = await api.http.get(`/v1/alliances/${alliance.id}/matches?requestId=${old}`).set(bearer(alliance.manager)).expect(200);
    expect(reviews.body.data.map((m: { rank: number; request: { candidates: number } }) => [m.rank, m.request.candidates])).toEqual([
      [1, 5],
      [2, 5],
      [5, 5],
    ]);
    // The award's rank, what the quality metrics measure, is unchanged.
    const from = new Date(Date.now() - 500 * 86_400_000).toISOString();
    const to = new Date(Date.now() - 300 * 86_400_000).toISOString();
    const quality = await api.http
      .get(`/v1/alliances/${alliance.id}/quality?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
      .set(bearer(alliance.manager))
      .expect(200);
    expect(quality.body.awardRank).toMatchObject({ awarded: 1, ranked: 1, meanRank: 1, mrr: 1 });

    // A second sweep finds nothing more to do.
    await retention.sweep();
    expect((await ranking(old!)).map((m) => m.rank)).toEqual([1, 2, 5]);
  });
});
