import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { act } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { cny } from '../factories/vouchers.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

type Party = { id: string; token: string };

/**
 * The provider_stats read model against the source rows it is kept from, after a provider's
 * engagements have gone every way an engagement can: completed and rated (two of them at once),
 * refunded in full before and after completion, cancelled before payment, a dispute lost, one
 * still in progress, one round still open with its bid.
 */
describe('the provider stats read model', () => {
  let api: Api;
  let admin: string;
  let alliance: { id: string; manager: string };
  const database = openDatabase();
  beforeAll(async () => {
    api = await startApi({ STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, FAIR_EXPOSURE_BAND: '0' });
    admin = await api.token('admin', 'platform');
    alliance = await createAlliance(api, '徐汇出海服务联盟（统计）', ['xuhui']);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  const legal = { category: 'legal', services: ['odi_filing', 'entity_setup'], sector: '38' };
  /** A request for `country` published, bid on by the provider and, unless `award` is false, awarded: the engagement's id. */
  const round = async (enterprise: Party, provider: Party, country: string, award = true) => {
    const requestId = await createRequest(api, enterprise.token, { ...legal, countries: [country], budget: { min: cny(1), max: cny(10_000_000) } });
    await publish(api, enterprise.token, requestId);
    const bid = await api.http
      .post(`/v1/requests/${requestId}/bids`)
      .set(bearer(provider.token))
      .send({ price: cny(2_000_000), timelineDays: 30, proposal: '尼日尔公司设立 Entity set-up in Niger', milestones: [] })
      .expect(201);
    if (!award) return null;
    const awarded = await api.http.post(`/v1/requests/${requestId}/award`).set(bearer(enterprise.token)).send({ bidId: bid.body.id }).expect(201);
    return awarded.body.id as string;
  };
  const pay = async (enterprise: Party, provider: Party, engagementId: string) => {
    const { reference } = (await act(api, enterprise.token, engagementId, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, provider.token, engagementId, 'payments/confirm-transfer', { reference, amount: cny(2_000_000) }).expect(200);
  };
  const completeAndRate = async (enterprise: Party, provider: Party, engagementId: string, score: number) => {
    await act(api, provider.token, engagementId, 'deliver', { invoiceNumber: `NE-${engagementId.slice(0, 8)}` }).expect(200);
    await act(api, enterprise.token, engagementId, 'accept').expect(200);
    await act(api, enterprise.token, engagementId, 'rating', { score }).expect(200);
  };

  /** The read model's row, and the same figures recomputed here from the source rows. */
  const statsOf = async (providerId: string) => {
    const [stored] = await database.db.execute(sql`
      select rating_count, rating_sum, engagements_closed, engagements_completed, engagements_open, engagements_won, bids_placed,
             invitations_received, invitations_bid, median_hours_to_first_bid
      from provider_stats where provider_id = ${providerId}`);
    const [delivered] = await database.db.execute(sql`
      select count(e.rating)::int as rating_count, coalesce(sum(e.rating), 0)::int as rating_sum,
             count(*) filter (where e.status in ('completed', 'cancelled'))::int as engagements_closed,
             count(*) filter (where e.status = 'completed' and p.status is distinct from 'refunded')::int as engagements_completed,
             count(*) filter (where e.status not in ('completed', 'cancelled'))::int as engagements_open,
             count(*)::int as engagements_won
      from engagements e left join payments p on p.engagement_id = e.id where e.provider_id = ${providerId}`);
    const [responded] = await database.db.execute(sql`
      select (select count(distinct request_id)::int from bids where provider_id = ${providerId}) as bids_placed,
             count(*)::int as invitations_received, count(b.first_at)::int as invitations_bid,
             percentile_cont(0.5) within group (order by extract(epoch from b.first_at - i.invited_at) / 3600) as median_hours_to_first_bid
      from invitations i
      left join lateral (select min(created_at) as first_at from bids b where b.request_id = i.request_id and b.provider_id = i.provider_id) b on true
      where i.provider_id = ${providerId}`);
    const byCountries = await database.db.execute(sql`
      select countries, completed from provider_country_completions where provider_id = ${providerId} order by countries`);
    const [completedIn] = await database.db.execute(sql`
      select r.countries, count(*)::int as completed from engagements e join service_requests r on r.id = e.request_id
      left join payments p on p.engagement_id = e.id
      where e.provider_id = ${providerId} and e.status = 'completed' and p.status is distinct from 'refunded'
      group by r.countries`);
    return { stored, recomputed: { ...delivered, ...responded }, byCountries, completedIn };
  };

  it('agrees with the source rows after completions, ratings, a full refund, a cancellation and a lost dispute', async () => {
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const provider = await createProvider(api, { countries: ['NE'], overseasOffices: ['NE'], capacity: 10, sectors: ['38'] });
    await vet(api, alliance, provider);

    // Completed and rated 5.
    const first = (await round(enterprise, provider, 'NE'))!;
    expect((await statsOf(provider.id)).stored).toMatchObject({ engagements_open: 1, invitations_received: 1, invitations_bid: 1 });
    await pay(enterprise, provider, first);
    await completeAndRate(enterprise, provider, first, 5);
    // Paid, then refunded in full: cancelled.
    const refunded = (await round(enterprise, provider, 'NE'))!;
    await pay(enterprise, provider, refunded);
    await act(api, provider.token, refunded, 'refunds', { amount: cny(500_000) }).expect(200);
    await act(api, provider.token, refunded, 'refunds', { amount: cny(1_500_000) }).expect(200);
    // Cancelled before payment.
    const cancelled = (await round(enterprise, provider, 'NE'))!;
    await act(api, provider.token, cancelled, 'cancel').expect(200);
    // Delivered, disputed, lost: cancelled.
    const disputed = (await round(enterprise, provider, 'NE'))!;
    await pay(enterprise, provider, disputed);
    await act(api, provider.token, disputed, 'deliver', { invoiceNumber: 'NE-DISPUTE' }).expect(200);
    await act(api, enterprise.token, disputed, 'dispute', { reason: '交付不完整 Incomplete' }).expect(200);
    await act(api, admin, disputed, 'dispute/resolve', { outcome: 'lost' }).expect(200);
    // Two completed and rated at the same moment: both transactions lock the provider's stats row.
    const [a, b] = [(await round(enterprise, provider, 'NE'))!, (await round(enterprise, provider, 'NE'))!];
    await Promise.all([pay(enterprise, provider, a), pay(enterprise, provider, b)]);
    await Promise.all([completeAndRate(enterprise, provider, a, 3), completeAndRate(enterprise, provider, b, 4)]);
    // Completed, then refunded in full: closed, but no longer counted as completed.
    const regretted = (await round(enterprise, provider, 'NE'))!;
    await pay(enterprise, provider, regretted);
    await act(api, provider.token, regretted, 'deliver', { invoiceNumber: 'NE-REGRET' }).expect(200);
    await act(api, enterprise.token, regretted, 'accept').expect(200);
    expect((await statsOf(provider.id)).stored).toMatchObject({ engagements_closed: 7, engagements_completed: 4 });
    await act(api, provider.token, regretted, 'refunds', { amount: cny(2_000_000) }).expect(200);
    expect((await statsOf(provider.id)).stored).toMatchObject({ engagements_closed: 7, engagements_completed: 3 });
    // One still in progress, one round still open with its bid.
    await pay(enterprise, provider, (await round(enterprise, provider, 'NE'))!);
    await round(enterprise, provider, 'NE', false);

    const { stored, recomputed, byCountries, completedIn } = await statsOf(provider.id);
    expect(stored).toEqual({
      rating_count: 3,
      rating_sum: 12,
      engagements_closed: 7,
      engagements_completed: 3,
      engagements_open: 1,
      engagements_won: 8,
      bids_placed: 9,
      invitations_received: 9,
      invitations_bid: 9,
      median_hours_to_first_bid: expect.any(Number),
    });
    expect(stored).toEqual(recomputed);
    expect(byCountries).toEqual([{ countries: ['NE'], completed: 3 }]);
    expect(byCountries).toEqual([completedIn]);

    // And matching shows them.
    const viewer = await createEnterprise(api);
    const next = await createRequest(api, viewer.token, { ...legal, countries: ['NE'] });
    await publish(api, viewer.token, next);
    const matches = (await api.http.get(`/v1/requests/${next}/matches`).set(bearer(viewer.token)).expect(200)).body.data;
    const match = matches.find((m: { providerId: string }) => m.providerId === provider.id);
    expect(match.reasons).toContain('Rated 4 from 3 reviews; completed 3 of 7 engagements; chosen for 8 of 9 bids');
    expect(match.reasons).toContain('Completed 3 engagements in Niger');
    expect(match.reasonsZh).toContain('在尼日尔已完成 3 个项目');
  });
});
