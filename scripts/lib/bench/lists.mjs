import { randomUUID } from 'node:crypto';
import { httpCaller, measure, printPair } from './measure.mjs';

const ENGAGEMENTS = Number(process.env.BENCH_LIST_ENGAGEMENTS ?? 100_000);
const ENTERPRISES = 1_000;

/**
 * The web app's lists at 100,000 engagements (issue 25: p95 ≤ 20 ms): an enterprise's home
 * (its engagements, its requests) and a provider's (its engagements, its bids), each beside the
 * bare keyset read of the same page. The measured parties are among the busiest (about 100 and
 * 200 engagements), so a page is never the whole list.
 */
export async function benchLists({ root, base, sql, token, options }) {
  const { generateProviders, insertProviders } = await import('./providers.mjs');
  const { searchDocument } = await import(`${root}/dist/libs/search-text/index.js`);
  const { usccCheckCharacter } = await import(`${root}/dist/libs/uscc/index.js`);
  const uscc = (i) => `91310112${String(700_000_000 + i).slice(-9)}`;
  const providers = generateProviders(500, 25);
  await insertProviders(sql, providers, searchDocument);
  const enterpriseIds = Array.from({ length: ENTERPRISES }, () => randomUUID());
  await sql`insert into enterprises ${sql(
    enterpriseIds.map((id, i) => ({ id, name: `List bench ${i}`, uscc: uscc(i) + usccCheckCharacter(uscc(i)), district: 'minhang', sector: '38', sme: true })),
  )}`;
  const started = performance.now();
  // Set-based: requests, a bid each, the award; spread over the last year, newest most often read.
  await sql`
    with n as (select g, ${sql.array(enterpriseIds)}::uuid[] as es, ${sql.array(providers.map((p) => p.id))}::uuid[] as ps from generate_series(1, ${ENGAGEMENTS}) g),
    r as (
      insert into service_requests (id, enterprise_id, title, description, category, services, countries, sector, languages, currency, budget_min, budget_max, bidding_closes_at, status, published_at, created_at)
      select gen_random_uuid(), es[1 + g % ${ENTERPRISES}], 'List bench', 'List bench', 'legal', '{odi_filing}', '{SA}', '38', '{zh-CN}', 'CNY', 1, 100000000,
             now() - make_interval(secs => g * 300), 'awarded', now() - make_interval(secs => g * 300 + 86400), now() - make_interval(secs => g * 300 + 86400)
      from n returning id, enterprise_id, created_at
    ),
    rn as (select r.*, row_number() over () as k from r),
    b as (
      insert into bids (id, request_id, provider_id, currency, price, timeline_days, proposal, milestones, created_at)
      select gen_random_uuid(), rn.id, (select ps from n limit 1)[1 + k % 500], 'CNY', 100000, 10, 'List bench', '[]'::jsonb, rn.created_at
      from rn returning id, request_id, provider_id, created_at
    )
    insert into engagements (request_id, bid_id, provider_id, enterprise_id, currency, price, enterprise_share, status, created_at)
    select b.request_id, b.id, b.provider_id, r.enterprise_id, 'CNY', 100000, 100000, 'completed', b.created_at from b join r on r.id = b.request_id`;
  await sql`vacuum analyze service_requests, bids, engagements`;
  const [{ count }] = await sql`select count(*)::int from engagements`;
  console.log(
    `Lists of the web app (${count.toLocaleString()} engagements, made in ${((performance.now() - started) / 1000).toFixed(0)} s; budget p95 ≤ 20 ms)\n`,
  );

  const enterprise = enterpriseIds[0];
  const provider = providers[0].id;
  const asEnterprise = httpCaller(base, { authorization: `Bearer ${await token('enterprise', enterprise)}` }, options.clients);
  const asProvider = httpCaller(base, { authorization: `Bearer ${await token('provider', provider)}` }, options.clients);
  const page = (column, id) => () =>
    sql`select * from engagements where ${sql(column)} = ${id} order by created_at desc, id desc limit 21`.then((rows) => rows.length > 0);
  for (const clients of [1, options.clients]) {
    const o = { ...options, clients };
    printPair(
      await measure(`GET /v1/engagements (enterprise), ${clients} client(s)`, () => asEnterprise('GET', '/v1/engagements?limit=20'), o),
      await measure(`bare: the page of the enterprise's engagements, ${clients} client(s)`, page('enterprise_id', enterprise), o),
    );
    printPair(
      await measure(`GET /v1/engagements (provider), ${clients} client(s)`, () => asProvider('GET', '/v1/engagements?limit=20'), o),
      await measure(`bare: the page of the provider's engagements, ${clients} client(s)`, page('provider_id', provider), o),
    );
    printPair(
      await measure(`GET /v1/requests (enterprise), ${clients} client(s)`, () => asEnterprise('GET', '/v1/requests?limit=20'), o),
      await measure(
        `bare: the page of its requests, ${clients} client(s)`,
        () =>
          sql`select * from service_requests where enterprise_id = ${enterprise} order by created_at desc, id desc limit 21`.then((rows) => rows.length > 0),
        o,
      ),
    );
    printPair(
      await measure(`GET /v1/bids (provider), ${clients} client(s)`, () => asProvider('GET', '/v1/bids?limit=20'), o),
      await measure(
        `bare: the page of its bids, ${clients} client(s)`,
        () => sql`select * from bids where provider_id = ${provider} order by created_at desc, id desc limit 21`.then((rows) => rows.length > 0),
        o,
      ),
    );
  }
}
