import { randomUUID } from 'node:crypto';
import { formatWithP99, httpCaller, measure, printPair, sample } from './measure.mjs';

const PUBLISHES = 40;
const DISTRICT = 'xuhui';
/**
 * Weights an alliance learned from its awards (npm run match:eval's language-led shape, issue 30):
 * with `learned`, the bench enterprise's district gets an alliance holding them, as an applied
 * proposal leaves it, so publish ranks under an alliance's learned weights.
 */
const LEARNED_WEIGHTS = Object.freeze({
  country_coverage: 0.046,
  service_fit: 0.095,
  sector_experience: 0.023,
  language: 0.167,
  quality: 0.504,
  responsiveness: 0.079,
  price_fit: 0.031,
  track_record: 0.005,
  voucher_eligibility: 0.05,
});
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
 * with fair exposure, stores the ranking and invites the top K) beside the bare candidate query,
 * the SQL matching starts from; then the matches endpoint, a read of the stored ranking, under
 * concurrent load beside the bare read of the same stored rows.
 */
export async function benchMatching({ base, sql, token, options }, size, { publishOnly = false, label = '', learned = false } = {}) {
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
    body: JSON.stringify({ name: 'Bench 出海电池有限公司', uscc: first17 + usccCheckCharacter(first17), district: DISTRICT, sector: '38', sme: false }),
  });
  // The bench district's alliance holds the learned weights for the `learned` figure only, the platform's otherwise.
  const [covering] = await sql`update alliances set match_weights = ${learned ? sql.json(LEARNED_WEIGHTS) : null}
    where ${DISTRICT} = any(districts) returning id`;
  if (learned && !covering) {
    await sql`insert into alliances (id, name, districts, match_weights)
      values (${randomUUID()}, 'Bench learning alliance', ${[DISTRICT]}, ${sql.json(LEARNED_WEIGHTS)})`;
  }
  const call = httpCaller(base, json, options.clients);
  const closes = () => new Date(Date.now() + 14 * 86_400_000).toISOString();
  const createDraft = async () => {
    const res = await fetch(`${base}/v1/requests`, { method: 'POST', headers: json, body: JSON.stringify({ ...REQUEST, biddingClosesAt: closes() }) });
    return (await res.json()).id;
  };

  const [{ n: candidates }] = await sql`
    select count(*)::int as n from providers where vetted_until > now() and categories @> array['legal'] and services && ${REQUEST.services}::text[]
      and countries && ${REQUEST.countries}::text[] and capacity > 0`;
  console.log(
    `Matching at ${size.toLocaleString()} providers, ${label} (${candidates.toLocaleString()} candidates for the bench request; ${learned ? "the district alliance's learned weights" : 'the platform weights'})\n`,
  );
  const publish = await sample(`POST /v1/requests/:id/publish (matching run), 1 client`, PUBLISHES, createDraft, (id) =>
    call('POST', `/v1/requests/${id}/publish`),
  );
  // Publish runs the candidate SQL (then scores, ranks, stores and invites): its baseline.
  const candidateSql = () =>
    sql`select id, countries, overseas_offices, services, sectors, languages, currency, price_min, price_max from providers
      where vetted_until > now() and categories @> array['legal'] and services && ${REQUEST.services}::text[]
        and countries && ${REQUEST.countries}::text[] and capacity > 0 and id <> ${enterpriseId}`.then(() => true);
  const candidateQuery = await sample('bare: the candidate SQL publish starts from, 1 client', PUBLISHES, async () => undefined, candidateSql);
  printSampled(publish, candidateQuery);
  if (publishOnly) return;

  const published = await createDraft();
  await call('POST', `/v1/requests/${published}/publish`);
  if (learned) {
    // The stored factors carry the weights the ranking used: the figure above is only one of learned weights if they are these.
    const [stored] = await sql`select factors from match_results where request_id = ${published} order by rank limit 1`;
    const language = stored?.factors.find((f) => f.name === 'language')?.weight;
    if (language === undefined || Math.abs(language - LEARNED_WEIGHTS.language) > 1e-3) {
      throw new Error(`publish did not rank under the alliance's learned weights (language weight ${language}, not ${LEARNED_WEIGHTS.language})`);
    }
  }
  // GET …/matches reads the stored ranking (the request, its top 20 results, the enterprise's
  // live vouchers for the estimate): its baseline reads the same stored rows, without the api.
  const storedRows = async () => {
    await sql`select * from service_requests where id = ${published}`;
    await sql`select * from match_results where request_id = ${published} order by rank limit 20`;
    await sql`select v.*, p.* from vouchers v join programs p on p.id = v.program_id
      where v.enterprise_id = ${enterpriseId} and v.status = 'active' and v.expires_at > now() order by v.created_at, v.id`;
    return true;
  };
  for (const clients of [1, options.clients]) {
    const app = await measure(`GET /v1/requests/:id/matches, ${clients} client(s)`, () => call('GET', `/v1/requests/${published}/matches`), {
      ...options,
      clients,
    });
    const bare = await measure(`bare: the same stored rows read, ${clients} client(s)`, storedRows, { ...options, clients });
    printPair({ ...app, label: `${app.label} (p99 ${app.p99.toFixed(1)} ms)` }, bare);
  }
}

function printSampled(app, bare) {
  console.log(`${app.label.padEnd(60)} ${formatWithP99(app)}`);
  console.log(`${bare.label.padEnd(60)} ${formatWithP99(bare)}   app/bare p50 ${(app.p50 / bare.p50).toFixed(1)}×\n`);
}
