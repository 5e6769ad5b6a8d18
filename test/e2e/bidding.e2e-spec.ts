import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq, sql } from 'drizzle-orm';
import { engagements } from '../../src/db/schema/index.js';
import { ExpiryService } from '../../src/modules/expiry/expiry.service.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { eventually, openDatabase, startApi, startWorker, type Api } from '../support/harness.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const bid = (amount: number, extra: Record<string, unknown> = {}) => ({
  price: cny(amount),
  timelineDays: 30,
  proposal: '泰国招聘与签证一站式服务 Recruitment and visas in Thailand',
  milestones: [
    { title: '启动 Kick-off', amount: cny(amount / 2), dueInDays: 7 },
    { title: '交付 Delivery', amount: cny(amount / 2), dueInDays: 30 },
  ],
  ...extra,
});

describe('bids and award', () => {
  let api: Api;
  let alliance: { id: string; manager: string };
  const database = openDatabase();
  const hr = (overrides: Record<string, unknown> = {}) => ({
    categories: ['hr'],
    services: ['recruitment', 'visas'],
    countries: ['TH'],
    overseasOffices: ['TH'],
    languages: ['zh-CN', 'th'],
    sectors: ['38'],
    ...overrides,
  });

  beforeAll(async () => {
    api = await startApi({ MATCH_INVITE_TOP_K: '3' });
    alliance = await createAlliance(api);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  /** Three strong invited providers, one weaker uninvited one, and an open request. */
  async function openRound(country: string, closesInMs = 14 * 86_400_000) {
    const invited = [];
    for (let i = 0; i < 3; i++) {
      const provider = await createProvider(api, hr({ countries: [country], overseasOffices: [country] }));
      await vet(api, alliance, provider);
      invited.push(provider);
    }
    const outsider = await createProvider(api, hr({ countries: [country], overseasOffices: [], languages: ['en'], sectors: [] }));
    await vet(api, alliance, outsider);
    const enterprise = await createEnterprise(api);
    const requestId = await createRequest(api, enterprise.token, {
      category: 'hr',
      services: ['recruitment', 'visas'],
      countries: [country],
      languages: ['zh-CN'],
      biddingClosesAt: new Date(Date.now() + closesInMs).toISOString(),
    });
    await publish(api, enterprise.token, requestId);
    return { invited, outsider, enterprise, requestId };
  }

  /**
   * As if biddingClosesAt had come: the stored deadline moved a second into the past, which the
   * bid rule and the sweep compare with their clock. Only this request's row changes; a sweep
   * run in the future would close other tests' rounds, and a real short deadline makes a test wait.
   */
  async function deadlinePassed(requestId: string): Promise<void> {
    const moved = await database.db.execute(
      sql`update service_requests set bidding_closes_at = now() - interval '1 second' where id = ${requestId} and status = 'open' returning id`,
    );
    expect(moved).toHaveLength(1);
  }

  it('runs request → invitations → sealed bids → award → engagement awaiting payment', async () => {
    const {
      invited: [a, b, c],
      enterprise,
      requestId,
    } = await openRound('TH');
    const bids: string[] = [];
    for (const [provider, price] of [
      [a!, 3_000_000],
      [b!, 2_400_000],
      [c!, 2_800_000],
    ] as const) {
      const res = await api.http.post(`/v1/requests/${requestId}/bids`).set(bearer(provider.token)).send(bid(price)).expect(201);
      expect(res.body).toMatchObject({ requestId, providerId: provider.id, status: 'live', price: cny(price) });
      bids.push(res.body.id);
    }
    const all = await api.http.get(`/v1/requests/${requestId}/bids`).set(bearer(enterprise.token)).expect(200);
    expect(all.body.data).toHaveLength(3);
    // No vouchers held: nothing applies (test/e2e/vouchers covers the quotes).
    expect(all.body.data[0]).toHaveProperty('costAfterSubsidy', []);
    const sealed = await api.http.get(`/v1/requests/${requestId}/bids`).set(bearer(a!.token)).expect(200);
    expect(sealed.body.data.map((x: { providerId: string }) => x.providerId)).toEqual([a!.id]);
    expect(sealed.body.data[0]).not.toHaveProperty('costAfterSubsidy');

    const awarded = await api.http.post(`/v1/requests/${requestId}/award`).set(bearer(enterprise.token)).send({ bidId: bids[1] }).expect(201);
    expect(awarded.body).toMatchObject({
      requestId,
      providerId: b!.id,
      enterpriseId: enterprise.id,
      price: cny(2_400_000),
      subsidy: null,
      enterpriseShare: cny(2_400_000),
      status: 'awaiting_payment',
      payment: null,
    });
    const request = await api.http.get(`/v1/requests/${requestId}`).set(bearer(enterprise.token)).expect(200);
    expect(request.body.status).toBe('awarded');
    const after = await api.http.get(`/v1/requests/${requestId}/bids`).set(bearer(enterprise.token)).expect(200);
    expect(Object.fromEntries(after.body.data.map((x: { id: string; status: string }) => [x.id, x.status]))).toEqual({
      [bids[0]!]: 'lost',
      [bids[1]!]: 'awarded',
      [bids[2]!]: 'lost',
    });
    await api.http.get(`/v1/engagements/${awarded.body.id}`).set(bearer(b!.token)).expect(200);
    await api.http.get(`/v1/engagements/${awarded.body.id}`).set(bearer(a!.token)).expect(404);
  });

  it('refuses uninvited, unvetted, duplicate, malformed and late bids, and stray awards', async () => {
    const {
      invited: [a, b],
      outsider,
      enterprise,
      requestId,
    } = await openRound('MY');
    await api.http.post(`/v1/requests/${requestId}/bids`).set(bearer(outsider.token)).send(bid(1_000_000)).expect(404);
    const first = await api.http.post(`/v1/requests/${requestId}/bids`).set(bearer(a!.token)).send(bid(1_000_000)).expect(201);
    const duplicate = await api.http.post(`/v1/requests/${requestId}/bids`).set(bearer(a!.token)).send(bid(900_000)).expect(409);
    expect(duplicate.body.code).toBe('conflict');
    await api.http.post(`/v1/bids/${first.body.id}/withdraw`).set(bearer(b!.token)).expect(404);
    await api.http.post(`/v1/bids/${first.body.id}/withdraw`).set(bearer(a!.token)).expect(200);
    await api.http.post(`/v1/bids/${first.body.id}/withdraw`).set(bearer(a!.token)).expect(409);
    await api.http.post(`/v1/requests/${requestId}/bids`).set(bearer(a!.token)).send(bid(900_000)).expect(201);

    // A provider bids in its own currency (issue 26), its milestones in the same one.
    const usd = await api.http
      .post(`/v1/requests/${requestId}/bids`)
      .set(bearer(b!.token))
      .send(bid(1_000_000, { price: { amount: 1_000_000, currency: 'USD' }, milestones: [{ title: 'x', amount: cny(1_000_000), dueInDays: 1 }] }))
      .expect(400);
    expect(usd.body.errors).toEqual([{ path: 'milestones.0.amount.currency', message: 'must match price.currency' }]);
    const sums = await api.http
      .post(`/v1/requests/${requestId}/bids`)
      .set(bearer(b!.token))
      .send(bid(1_000_000, { milestones: [{ title: 'x', amount: cny(1), dueInDays: 1 }] }))
      .expect(400);
    expect(sums.body.errors).toEqual([{ path: 'milestones', message: 'amounts add up to 1, not the price 1000000' }]);

    await api.http.post(`/v1/alliances/${alliance.id}/members/${b!.id}/suspend`).set(bearer(alliance.manager)).send({ reason: 'audit' }).expect(200);
    const unvetted = await api.http.post(`/v1/requests/${requestId}/bids`).set(bearer(b!.token)).send(bid(1_000_000)).expect(409);
    expect(unvetted.body.code).toBe('provider_not_eligible');

    const stranger = await createEnterprise(api);
    await api.http.post(`/v1/requests/${requestId}/award`).set(bearer(stranger.token)).send({ bidId: first.body.id }).expect(404);
    const withdrawnAward = await api.http.post(`/v1/requests/${requestId}/award`).set(bearer(enterprise.token)).send({ bidId: first.body.id }).expect(409);
    expect(withdrawnAward.body.detail).toBe('A withdrawn bid cannot be awarded');
  });

  it('refuses bids after biddingClosesAt and on a closed request', async () => {
    const {
      invited: [a, b, c],
      enterprise,
      requestId,
    } = await openRound('ID');
    // A live bid keeps the round open through its award window, whatever other tests sweep.
    await api.http.post(`/v1/requests/${requestId}/bids`).set(bearer(c!.token)).send(bid(1_000_000)).expect(201);
    await deadlinePassed(requestId);
    const late = await api.http.post(`/v1/requests/${requestId}/bids`).set(bearer(a!.token)).send(bid(1_000_000)).expect(409);
    expect(late.body.detail).toBe('Bidding closed at biddingClosesAt');
    await api.http.post(`/v1/requests/${requestId}/cancel`).set(bearer(enterprise.token)).expect(200);
    const closed = await api.http.post(`/v1/requests/${requestId}/bids`).set(bearer(b!.token)).send(bid(1_000_000)).expect(409);
    expect(closed.body.detail).toBe('The request is cancelled; bids are closed');
  });

  it('makes exactly one engagement when twenty awards arrive at once', async () => {
    const { invited, enterprise, requestId } = await openRound('VN');
    const bidIds: string[] = [];
    for (const provider of invited) {
      bidIds.push((await api.http.post(`/v1/requests/${requestId}/bids`).set(bearer(provider.token)).send(bid(2_000_000)).expect(201)).body.id);
    }
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.http
          .post(`/v1/requests/${requestId}/award`)
          .set(bearer(enterprise.token))
          .send({ bidId: bidIds[i % 3] }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await database.db.select().from(engagements).where(eq(engagements.requestId, requestId))).toHaveLength(1);
  });

  it('closes rounds at the deadline through the expiry sweep: without bids at once, with bids after the award window', async () => {
    const empty = await openRound('MX');
    const bidden = await openRound('BR');
    const placed = await api.http.post(`/v1/requests/${bidden.requestId}/bids`).set(bearer(bidden.invited[0]!.token)).send(bid(1_000_000)).expect(201);
    for (const round of [empty, bidden]) await deadlinePassed(round.requestId);
    const status = async (round: { requestId: string; enterprise: { token: string } }) =>
      (await api.http.get(`/v1/requests/${round.requestId}`).set(bearer(round.enterprise.token)).expect(200)).body.status as string;

    // Sweeps are global and other tests' workers sweep too (SKIP LOCKED hands a row to whichever
    // gets it first), so wait for the outcome rather than for this sweep in particular.
    const patient = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_rounds` });
    try {
      await patient.get(ExpiryService, { strict: false }).sweep(new Date());
      expect(
        await eventually(
          () => status(empty),
          (s) => s === 'expired',
        ),
      ).toBe('expired');
      expect(await status(bidden)).toBe('open');
    } finally {
      await patient.close();
    }
    // With no award window, a round with bids closes at its deadline too, and its bids lose.
    const hasty = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_rounds0`, AWARD_WINDOW_DAYS: '0' });
    try {
      // Another test's sweep (default award window) may hold the row when this one runs and skip
      // it; sweep again until this worker's rule has had its turn.
      const sweepAndRead = async () => {
        await hasty.get(ExpiryService, { strict: false }).sweep(new Date());
        return status(bidden);
      };
      expect(await eventually(sweepAndRead, (s) => s === 'expired')).toBe('expired');
      const bidsNow = await api.http.get(`/v1/requests/${bidden.requestId}/bids`).set(bearer(bidden.enterprise.token)).expect(200);
      expect(bidsNow.body.data).toEqual([expect.objectContaining({ id: placed.body.id, status: 'lost' })]);
    } finally {
      await hasty.close();
    }
  });

  it('leaves out of matching a provider whose open engagements fill its capacity', async () => {
    const full = await createProvider(api, hr({ countries: ['TR'], overseasOffices: ['TR'], capacity: 1 }));
    const free = await createProvider(api, hr({ countries: ['TR'], overseasOffices: ['TR'], capacity: 1 }));
    for (const provider of [full, free]) await vet(api, alliance, provider);
    const enterprise = await createEnterprise(api);
    const requestBase = { category: 'hr', services: ['recruitment', 'visas'], countries: ['TR'], languages: ['zh-CN'] };
    const first = await createRequest(api, enterprise.token, requestBase);
    await publish(api, enterprise.token, first);
    const placed = await api.http.post(`/v1/requests/${first}/bids`).set(bearer(full.token)).send(bid(1_000_000)).expect(201);
    await api.http.post(`/v1/requests/${first}/award`).set(bearer(enterprise.token)).send({ bidId: placed.body.id }).expect(201);

    const second = await createRequest(api, enterprise.token, requestBase);
    await publish(api, enterprise.token, second);
    const matches = await api.http.get(`/v1/requests/${second}/matches`).set(bearer(enterprise.token)).expect(200);
    expect(matches.body.data.map((m: { providerId: string }) => m.providerId)).toEqual([free.id]);
  });
});
