import { randomUUID } from 'node:crypto';
import { httpCaller, measure, printPair } from './measure.mjs';

const QUERIES = [
  ['Chinese text + facets (q=律师)', { q: '律师' }],
  ['English text + facets (q=tax advisory)', { q: 'tax advisory' }],
  ['facet-only (country=SA&category=legal)', { country: 'SA', category: 'legal' }],
];

/**
 * Provider search as an enterprise sees it (vetted only, facets counted). The bare baseline is
 * the search engine's own SQL called directly: no HTTP, auth, validation or hydration around it.
 */
export async function benchProviderSearch({ root, base, databaseUrl, token, options }, size) {
  const { PostgresSearchEngine } = await import(`${root}/dist/src/modules/search/postgres/postgres-search.engine.js`);
  const { createDb, createSql } = await import(`${root}/dist/src/db/database.js`);
  // Its own client: drizzle reconfigures the date handling of the client it wraps.
  const engineSql = createSql(databaseUrl, options.clients);
  const engine = new PostgresSearchEngine(createDb(engineSql));
  const call = httpCaller(base, { authorization: `Bearer ${await token('enterprise', randomUUID())}` }, options.clients);

  console.log(`Provider search at ${size.toLocaleString()} providers (budget: p95 ≤ 30 ms at 100,000)\n`);
  for (const [label, query] of QUERIES) {
    const path = `/v1/providers?${new URLSearchParams(query)}`;
    const viaHttp = () => call('GET', path);
    const bare = () => engine.search({ ...query, limit: 20, offset: 0, now: new Date(), visibility: { kind: 'vetted' } }).then(() => true);
    // One client shows the latency a user sees; sixteen show throughput, with queueing on two cores.
    for (const clients of [1, options.clients]) {
      printPair(
        await measure(`GET /v1/providers ${label}, ${clients} client(s)`, viaHttp, { ...options, clients }),
        await measure(`bare: the engine's SQL (page + facet counts), ${clients} client(s)`, bare, { ...options, clients }),
      );
    }
  }
  await engineSql.end();
}
