// Marketplace history for the matching bench: a share of the providers (20% by default), each
// with 1–50 past engagements — request, invitation, bid and a completed (9 in 10) or cancelled
// engagement, rated 1–5 around the provider's own mean — spread over the past year. Generated in
// SQL from hashes of the provider id, so a run at the same size gives the same history.

/**
 * Adds history for providers that have none yet (so a second call after adding providers only
 * covers the new ones). Returns how many providers got history and how many engagements.
 */
export async function insertHistory(sql, { share = 0.2, maxEngagements = 50 } = {}) {
  const [client] = await sql`
    insert into enterprises (id, name, uscc, district, sector, sme)
    values (gen_random_uuid(), 'Bench past client', 'BENCH' || substr(md5(random()::text), 1, 13), 'xuhui', '38', true)
    returning id`;
  await sql`drop table if exists bench_jobs`;
  await sql`
    create unlogged table bench_jobs as
    with chosen as (
      select p.id as provider_id, p.categories[1] as category, p.services[1] as service, p.countries[1] as country,
             1 + abs(hashtext(p.id::text || ':n')) % ${maxEngagements} as n,
             2.5 + (abs(hashtext(p.id::text || ':q')) % 100) / 40.0 as mean_stars
      from providers p
      where abs(hashtext(p.id::text || ':h')) % 1000 < ${Math.round(share * 1000)}
        and not exists (select 1 from engagements e where e.provider_id = p.id)
    )
    select c.provider_id, c.category, c.service, c.country, c.mean_stars,
           gen_random_uuid() as request_id, gen_random_uuid() as bid_id,
           now() - (10 + abs(hashtext(c.provider_id::text || g)) % 350) * interval '1 day' as invited_at,
           (1 + abs(hashtext(c.provider_id::text || g || ':b')) % 72) * interval '1 hour' as to_bid,
           abs(hashtext(c.provider_id::text || g || ':r')) % 100 as roll
    from chosen c, generate_series(1, c.n) g`;
  await sql`
    insert into service_requests (id, enterprise_id, title, description, category, services, countries, sector, languages, currency,
                                  budget_min, budget_max, bidding_closes_at, status, published_at, created_at)
    select request_id, ${client.id}, 'Bench past request', '', category, array[service], array[country], '38', array['zh-CN'], 'CNY',
           1000000, 10000000, invited_at + interval '7 days', 'awarded', invited_at, invited_at
    from bench_jobs`;
  await sql`insert into invitations (request_id, provider_id, invited_at) select request_id, provider_id, invited_at from bench_jobs`;
  await sql`
    insert into bids (id, request_id, provider_id, currency, price, timeline_days, proposal, milestones, status, created_at)
    select bid_id, request_id, provider_id, 'CNY', 5000000, 30, 'Bench past bid', '[]'::jsonb, 'awarded', invited_at + to_bid from bench_jobs`;
  const [{ engagements, providers }] = await sql`
    with inserted as (
      insert into engagements (request_id, bid_id, provider_id, enterprise_id, currency, price, enterprise_share, status, rating, rated_at, created_at)
      select request_id, bid_id, provider_id, ${client.id}, 'CNY', 5000000, 5000000,
             case when roll < 90 then 'completed' else 'cancelled' end,
             case when roll < 80 then least(5, greatest(1, round(mean_stars + (roll % 5 - 2) * 0.5)))::smallint end,
             case when roll < 80 then invited_at + to_bid + interval '5 days' end,
             invited_at + to_bid
      from bench_jobs
      returning provider_id
    )
    select count(*)::int as engagements, count(distinct provider_id)::int as providers from inserted`;
  await sql`drop table bench_jobs`;
  await sql`vacuum analyze service_requests, invitations, bids, engagements`;
  return { providers, engagements };
}
