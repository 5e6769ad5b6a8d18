import { randomUUID } from 'node:crypto';
import { formatWithP99, httpCaller, measure, printPair, sample } from './measure.mjs';

const PUBLISHES = 40;
const REQUEST = {
  title: '沙特 ODI 备案与公司设立 ODI filing and entity set-up in Saudi Arabia',
  description: 'Bench request',
  category: 'legal',
  services: ['odi_filing', 'entity_setup'],
  countries: ['SA'],
  sector: '38',
  budget: { min: { amount: 1_000_000, currency: 'CNY' }, max: { amount: 10_000_000, currency: 'CNY' } },
  languages: ['zh-CN'],
};

/**
 * Matching for one request (publishing it runs the candidate SQL, scores every candidate, ranks
 * with fair exposure, stores the ranking and invites the top K), then the matches endpoint under
 * concurrent load beside the bare candidate query, the SQL matching starts from.
 */
export async function benchMatching({ base, sql, token, options }, size, { publishOnly = false, label = '' } = {}) {
  const enterpriseId = randomUUID();
  const enterprise = await token('enterprise', enterpriseId);
  const json = { authorization: `Bearer ${enterprise}`, 'content-type': 'application/json' };
  const { usccCheckCharacter } = await import(`${new URL('../../../dist/libs/uscc/index.js', import.meta.url)}`);
  const first17 = `91310104${randomUUID()
    .replace(/[^0-9]/g, '')
    .slice(0, 9)}`;
  await fetch(`${base}/v1/enterprises`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ name: 'Bench 出海电池有限公司', uscc: first17 + usccCheckCharacter(first17), district: 'xuhui', sector: '38', sme: false }),
  });
  const call = httpCaller(base, json, options.clients);
  const closes = () => new Date(Date.now() + 14 * 86_400_000).toISOString();
  const createDraft = async () => {
    const res = await fetch(`${base}/v1/requests`, { method: 'POST', headers: json, body: JSON.stringify({ ...REQUEST, biddingClosesAt: closes() }) });
    return (await res.json()).id;
  };

  const [{ n: candidates }] = await sql`
    select count(*)::int as n from providers where vetted_until > now() and categories @> array['legal'] and services && ${REQUEST.services}::text[]
      and countries && ${REQUEST.countries}::text[] and capacity > 0`;
  console.log(`Matching at ${size.toLocaleString()} providers, ${label} (${candidates.toLocaleString()} candidates for the bench request)\n`);
  const publish = await sample(`POST /v1/requests/:id/publish (matching run), 1 client`, PUBLISHES, createDraft, (id) =>
    call('POST', `/v1/requests/${id}/publish`),
  );
  console.log(`${publish.label.padEnd(60)} ${formatWithP99(publish)}\n`);
  if (publishOnly) return;

  const published = await createDraft();
  await call('POST', `/v1/requests/${published}/publish`);
  for (const clients of [1, options.clients]) {
    const app = await measure(`GET /v1/requests/:id/matches, ${clients} client(s)`, () => call('GET', `/v1/requests/${published}/matches`), {
      ...options,
      clients,
    });
    const bare = await measure(
      `bare: the candidate SQL, ${clients} client(s)`,
      () =>
        sql`select id, countries, overseas_offices, services, sectors, languages, currency, price_min, price_max from providers
          where vetted_until > now() and categories @> array['legal'] and services && ${REQUEST.services}::text[]
            and countries && ${REQUEST.countries}::text[] and capacity > 0 and id <> ${enterpriseId}`.then(() => true),
      { ...options, clients },
    );
    printPair({ ...app, label: `${app.label} (p99 ${app.p99.toFixed(1)} ms)` }, bare);
  }
}
