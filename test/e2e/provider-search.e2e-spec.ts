import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { startApi, type Api } from '../support/harness.js';

/** Search is scoped to a fresh alliance (or a unique word) so the counts are exact while other tests run. */
describe('provider search (Postgres)', () => {
  let api: Api;
  let alliance: { id: string; manager: string };
  let enterprise: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi();
    alliance = await createAlliance(api);
    enterprise = await api.token('enterprise', randomUUID());
    const riyadh = await createProvider(api, {
      name: '利雅得律师事务所 Riyadh Law Office',
      description: '境外投资备案与公司设立。Outbound investment filing.',
      categories: ['legal'],
      services: ['odi_filing'],
      countries: ['SA'],
      overseasOffices: ['SA'],
      languages: ['zh-CN', 'ar'],
      sectors: ['38'],
      district: 'xuhui',
    });
    const hanoi = await createProvider(api, {
      name: '越南税务咨询 Hanoi Tax Advisers',
      description: 'Transfer pricing and tax structuring for manufacturers in Vietnam.',
      categories: ['accounting_tax'],
      services: ['tax_structuring', 'transfer_pricing'],
      countries: ['VN'],
      overseasOffices: [],
      languages: ['vi', 'en'],
      sectors: ['65'],
      district: 'jingan',
    });
    const saudiCert = await createProvider(api, {
      name: '沙特工程认证中心 Saudi Certification Co',
      description: 'SASO product certification, halal 认证。',
      categories: ['certification'],
      services: ['product_certification', 'halal'],
      countries: ['SA', 'AE'],
      overseasOffices: [],
      languages: ['ar', 'en'],
      sectors: ['36'],
      district: 'songjiang',
    });
    const applicant = await createProvider(api, {
      name: '沙特律师联盟申请人 Applicant Law',
      description: '尚未审核',
      categories: ['legal'],
      services: ['odi_filing'],
      countries: ['SA'],
      overseasOffices: [],
      languages: ['zh-CN'],
      sectors: ['38'],
      district: 'xuhui',
    });
    for (const provider of [riyadh, hanoi, saudiCert]) await vet(api, alliance, provider);
    await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(applicant.token)).expect(201);
    Object.assign(ids, { riyadh: riyadh.id, hanoi: hanoi.id, saudiCert: saudiCert.id, applicant: applicant.id });
  });
  afterAll(async () => {
    await api.close();
  });

  const search = async (query: Record<string, string | number>, token = enterprise) => {
    const res = await api.http
      .get('/v1/providers')
      .query({ alliance: alliance.id, ...query })
      .set(bearer(token))
      .expect(200);
    return res.body as { data: { id: string }[]; nextCursor: string | null; facets: Record<string, Record<string, number>> };
  };
  const idsOf = (body: { data: { id: string }[] }) => body.data.map((p) => p.id).sort();

  it('finds Chinese two-character words in names and descriptions, excluding unvetted providers', async () => {
    expect(idsOf(await search({ q: '律师' }))).toEqual([ids.riyadh]);
    expect(idsOf(await search({ q: '沙特' }))).toEqual([ids.saudiCert]);
    expect(idsOf(await search({ q: '境外投资' }))).toEqual([ids.riyadh]);
    expect(idsOf(await search({ q: '认证' }))).toEqual([ids.saudiCert]);
  });

  it('finds English words, by prefix and across forms', async () => {
    expect(idsOf(await search({ q: 'tax' }))).toEqual([ids.hanoi]);
    expect(idsOf(await search({ q: 'advis' }))).toEqual([ids.hanoi]);
    expect(idsOf(await search({ q: 'certifications' }))).toEqual([ids.saudiCert]);
    expect(idsOf(await search({ q: 'riyadh law' }))).toEqual([ids.riyadh]);
    expect(idsOf(await search({ q: '!!!' }))).toEqual([]);
  });

  it('filters on every facet', async () => {
    expect(idsOf(await search({ category: 'legal' }))).toEqual([ids.riyadh]);
    expect(idsOf(await search({ service: 'halal' }))).toEqual([ids.saudiCert]);
    expect(idsOf(await search({ country: 'SA' }))).toEqual([ids.riyadh, ids.saudiCert].sort());
    expect(idsOf(await search({ sector: '65' }))).toEqual([ids.hanoi]);
    expect(idsOf(await search({ language: 'ar' }))).toEqual([ids.riyadh, ids.saudiCert].sort());
    expect(idsOf(await search({ district: 'songjiang' }))).toEqual([ids.saudiCert]);
  });

  it('counts each facet over the matching vetted providers', async () => {
    const all = await search({});
    expect(all.facets.category).toEqual({ legal: 1, accounting_tax: 1, certification: 1 });
    expect(all.facets.country).toEqual({ SA: 2, VN: 1, AE: 1 });
    expect(all.facets.district).toEqual({ xuhui: 1, jingan: 1, songjiang: 1 });
    const saudi = await search({ country: 'SA' });
    expect(saudi.facets.category).toEqual({ legal: 1, certification: 1 });
    expect(saudi.facets.language).toEqual({ 'zh-CN': 1, ar: 2, en: 1 });
  });

  it('pages with a cursor, each provider once', async () => {
    const first = await search({ limit: 2 });
    expect(first.data).toHaveLength(2);
    const second = await search({ limit: 2, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([...idsOf(first), ...idsOf(second)].sort()).toEqual([ids.riyadh, ids.hanoi, ids.saudiCert].sort());
  });

  it('shows the alliance’s manager its applicants too, and unvetted ones alone on request', async () => {
    expect(idsOf(await search({}, alliance.manager))).toHaveLength(4);
    expect(idsOf(await search({ vetted: 'false' }, alliance.manager))).toEqual([ids.applicant]);
    expect(idsOf(await search({ vetted: 'false' }))).toEqual([]);
  });

  it('shows an unvetted provider its own profile in search, and nobody else', async () => {
    const word = `zq${randomUUID().slice(0, 8)}`;
    const loner = await createProvider(api, { name: `Lone ${word} Consulting` });
    const own = await api.http.get('/v1/providers').query({ q: word }).set(bearer(loner.token)).expect(200);
    expect(own.body.data.map((p: { id: string }) => p.id)).toEqual([loner.id]);
    const others = await api.http.get('/v1/providers').query({ q: word }).set(bearer(enterprise)).expect(200);
    expect(others.body.data).toEqual([]);
  });

  it('answers 400 for a malformed filter or cursor', async () => {
    const res = await api.http.get('/v1/providers').query({ alliance: 'nope', vetted: 'maybe' }).set(bearer(enterprise)).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['alliance', 'vetted']);
    await api.http.get('/v1/providers').query({ cursor: 'bogus' }).set(bearer(enterprise)).expect(400);
  });
});

/**
 * Very large result sets: counts estimated from the sample bucket (ids ending in hex 0, one
 * provider in sixteen) and pages ordered newest first. A limit of 0 treats any result set the
 * sample sees as large; the test places providers in and out of the sample by their ids.
 */
describe('provider search over a result set too large to count exactly', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ SEARCH_FACET_EXACT_LIMIT: '0', SEARCH_ESTIMATE_SECONDS: String(ESTIMATE_SECONDS) });
  });
  afterAll(async () => {
    await api.close();
  });

  const ESTIMATE_SECONDS = 4;
  const inSample = () => `${randomUUID().slice(0, -1)}0`;
  const outOfSample = () => `${randomUUID().slice(0, -1)}7`;

  it('estimates facet counts from the sample, says so, and lists the newest matches first', async () => {
    const alliance = await createAlliance(api);
    const body = { categories: ['legal'], services: ['odi_filing'], countries: ['SA'], overseasOffices: [] };
    const created = [];
    for (const [id, country] of [
      [inSample(), 'SA'],
      [outOfSample(), 'SA'],
      [inSample(), 'AE'],
      [outOfSample(), 'AE'],
    ] as const) {
      const provider = await createProvider(api, { ...body, countries: [country] }, id);
      await vet(api, alliance, provider);
      created.push(provider.id);
    }
    const enterprise = await api.token('enterprise', randomUUID());
    const res = await api.http.get('/v1/providers').query({ alliance: alliance.id, category: 'legal' }).set(bearer(enterprise)).expect(200);
    expect(res.body.facetsEstimated).toBe(true);
    expect(res.body.facets.country).toEqual({ SA: 16, AE: 16 });
    expect(res.body.facets.category).toEqual({ legal: 32 });
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual([...created].reverse());
    expect(res.body.data[0]).toMatchObject({ id: created[3], countries: ['AE'], categories: ['legal'], vetted: true });

    // Pages of the newest-first order, read with their rows: the cursor goes on where the first page stopped.
    const page = (cursor?: string) =>
      api.http
        .get('/v1/providers')
        .query({ alliance: alliance.id, category: 'legal', limit: 3, ...(cursor ? { cursor } : {}) })
        .set(bearer(enterprise))
        .expect(200);
    const first = await page();
    expect(first.body.data.map((p: { id: string }) => p.id)).toEqual([...created].reverse().slice(0, 3));
    const rest = await page(first.body.nextCursor);
    expect(rest.body.data.map((p: { id: string }) => p.id)).toEqual([created[0]]);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('reuses an estimate for SEARCH_ESTIMATE_SECONDS, while the page always shows the providers as they are now', async () => {
    const alliance = await createAlliance(api);
    const body = { categories: ['legal'], services: ['odi_filing'], countries: ['SA'], overseasOffices: [] };
    const enterprise = await api.token('enterprise', randomUUID());
    const search = () => api.http.get('/v1/providers').query({ alliance: alliance.id, category: 'legal' }).set(bearer(enterprise)).expect(200);
    const first = await createProvider(api, body, inSample());
    await vet(api, alliance, first);

    const asked = Date.now();
    expect((await search()).body.facets.country).toEqual({ SA: 16 });
    const second = await createProvider(api, body, inSample());
    await vet(api, alliance, second);
    const again = await search();
    // Meaningful only inside the window; a machine too slow to get here in time skips the check.
    if (Date.now() - asked < ESTIMATE_SECONDS * 1000) expect(again.body.facets.country).toEqual({ SA: 16 });
    expect(again.body.data.map((p: { id: string }) => p.id)).toEqual([second.id, first.id]);

    await new Promise((resolve) => setTimeout(resolve, ESTIMATE_SECONDS * 1000 + 200));
    expect((await search()).body.facets.country).toEqual({ SA: 32 });
  });
});
