import { randomUUID } from 'node:crypto';
import { cpuMeter, withCpu } from './cpu.mjs';
import { httpCaller, measure, printPair } from './measure.mjs';

const QUERIES = [
  ['Chinese text + facets (q=律师)', { q: '律师' }],
  ['English text + facets (q=tax advisory)', { q: 'tax advisory' }],
  ['facet-only (country=SA&category=legal)', { country: 'SA', category: 'legal' }],
];

// The long tail: every country × category × language the generated providers carry (960
// queries), drawn at random, so nearly every call is one no earlier call asked.
const COUNTRIES = ['SA', 'OM', 'AE', 'VN', 'ID', 'MY', 'TH', 'MX', 'BR', 'HU', 'DE', 'US'];
const CATEGORIES = ['legal', 'accounting_tax', 'consulting', 'ip', 'certification', 'hr', 'insurance', 'logistics_customs'];
const LANGUAGES = ['zh-CN', 'en', 'ar', 'vi', 'id', 'th', 'es', 'pt', 'de', 'hu'];
const TAIL = COUNTRIES.flatMap((country) => CATEGORIES.flatMap((category) => LANGUAGES.map((language) => ({ country, category, language }))));

/**
 * Provider search as an enterprise sees it (vetted only, facets counted). The bare baseline is
 * the search engine's own SQL called directly: no HTTP, auth, validation or hydration around it,
 * and no estimate kept between calls (SEARCH_ESTIMATE_SECONDS), so it pays the sampled count
 * every time the api may skip.
 */
export async function benchProviderSearch({ root, base, sql, databaseUrl, token, options, apiPid }, size) {
  const { PostgresSearchEngine } = await import(`${root}/dist/src/modules/search/postgres/postgres-search.engine.js`);
  const { createDb, createSql } = await import(`${root}/dist/src/db/database.js`);
  // Its own client: drizzle reconfigures the date handling of the client it wraps.
  const engineSql = createSql(databaseUrl, options.clients, undefined, true, { customPlans: true });
  const engine = new PostgresSearchEngine(createDb(engineSql));
  const call = httpCaller(base, { authorization: `Bearer ${await token('enterprise', randomUUID())}` }, options.clients);
  // Where the time goes: the api's CPU (the bare baseline's client runs in this process) and Postgres'.
  const meter = await cpuMeter(sql, apiPid);
  const bareSearch = (query) => engine.search({ ...query, limit: 20, offset: 0, now: new Date(), visibility: { kind: 'vetted' } }).then(() => true);

  console.log(`Provider search at ${size.toLocaleString()} providers (budget: p95 ≤ 50 ms at 16 clients, 100,000 providers)\n`);
  for (const [label, query] of QUERIES) {
    const path = `/v1/providers?${new URLSearchParams(query)}`;
    // One client shows the latency a user sees; sixteen show throughput, with queueing on two cores.
    for (const clients of [1, options.clients]) {
      printPair(
        await withCpu(meter, () => measure(`GET /v1/providers ${label}, ${clients} client(s)`, () => call('GET', path), { ...options, clients })),
        await withCpu(meter, () =>
          measure(`bare: the engine's SQL (page + facet counts), ${clients} client(s)`, () => bareSearch(query), { ...options, clients }),
        ),
      );
    }
  }
  const draw = () => TAIL[Math.floor(Math.random() * TAIL.length)];
  printPair(
    await withCpu(meter, () =>
      measure(
        `GET /v1/providers the long tail (${TAIL.length} country × category × language), ${options.clients} clients`,
        () => call('GET', `/v1/providers?${new URLSearchParams(draw())}`),
        options,
      ),
    ),
    await withCpu(meter, () => measure(`bare: the engine's SQL, the same draws, ${options.clients} clients`, () => bareSearch(draw()), options)),
  );
  await engineSql.end();
}
