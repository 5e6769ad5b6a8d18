import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'typesense';
import { FACETS, type ProviderSearchDocument, type ProviderSearchQuery, type ProviderSearchResult } from '../../src/modules/search/provider-search.port.js';
import { FACET_FIELDS, toTypesenseDocument } from '../../src/modules/search/typesense/provider-collection.js';
import { createTypesenseClient } from '../../src/modules/search/typesense/typesense-client.js';
import { TypesenseSearchEngine } from '../../src/modules/search/typesense/typesense-search.engine.js';

// Needs a Typesense server (docker-compose.yml runs 27.1); without TYPESENSE_URL the suite is skipped.
const describeIfTypesense = process.env.TYPESENSE_URL ? describe : describe.skip;

const now = new Date('2026-11-23T00:00:00.000Z');
const vetted = new Date('2027-06-01T00:00:00.000Z');
const lapsed = new Date('2026-01-01T00:00:00.000Z');
const ALLIANCE = '00000000-0000-4000-8000-0000000000a1';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

type Fixture = Omit<ProviderSearchDocument, 'id' | 'createdAt' | 'sectors' | 'allianceIds' | 'appliedAllianceIds'> &
  Partial<Pick<ProviderSearchDocument, 'sectors' | 'allianceIds' | 'appliedAllianceIds'>>;

// P(n) was created on day n, so newest first is P10 … P1.
const fixtures: Fixture[] = [
  {
    name: '沙特阿拉伯法律咨询有限公司',
    description: '为出海企业提供沙特劳动法与公司注册咨询。',
    district: 'xuhui',
    categories: ['legal'],
    services: ['company-registration', 'labour-law'],
    countries: ['SA'],
    sectors: ['C'],
    languages: ['zh', 'ar'],
    allianceIds: [ALLIANCE],
    vettedUntil: vetted,
  },
  {
    name: 'Riyadh Legal Partners',
    description: 'Saudi company law and labour disputes for Chinese investors.',
    district: 'pudong',
    categories: ['legal'],
    services: ['labour-law'],
    countries: ['SA'],
    sectors: ['C', 'F'],
    languages: ['en', 'ar'],
    allianceIds: [ALLIANCE],
    vettedUntil: vetted,
  },
  {
    name: '迪拜律师事务所',
    description: '阿联酋商事律师，处理合同纠纷。',
    district: 'xuhui',
    categories: ['legal'],
    services: ['contract'],
    countries: ['AE'],
    languages: ['zh', 'en'],
    vettedUntil: null,
  },
  {
    name: '越南税务咨询',
    description: '越南增值税与企业所得税申报。',
    district: 'jingan',
    categories: ['tax'],
    services: ['vat'],
    countries: ['VN'],
    sectors: ['C'],
    languages: ['zh', 'vi'],
    vettedUntil: lapsed,
  },
  {
    name: 'Hanoi Tax Advisors',
    description: 'VAT filing and transfer pricing in Vietnam.',
    district: 'pudong',
    categories: ['tax'],
    services: ['vat', 'transfer-pricing'],
    countries: ['VN'],
    languages: ['en', 'vi'],
    vettedUntil: vetted,
  },
  {
    name: '中东物流服务公司',
    description: '沙特与阿联酋的清关和仓储。',
    district: 'minhang',
    categories: ['logistics'],
    services: ['customs, (clearance)'],
    countries: ['SA', 'AE'],
    languages: ['zh'],
    allianceIds: [ALLIANCE],
    vettedUntil: null,
  },
  {
    name: 'Jakarta Market Entry',
    description: 'Market research and partner search in Indonesia.',
    district: 'xuhui',
    categories: ['consulting'],
    services: ['market-research'],
    countries: ['ID'],
    languages: ['en', 'id'],
    vettedUntil: vetted,
  },
  {
    name: '新加坡公司秘书服务',
    description: '新加坡公司注册、秘书与会计。',
    district: 'jingan',
    categories: ['corporate'],
    services: ['company-registration'],
    countries: ['SG'],
    languages: ['zh', 'en'],
    vettedUntil: vetted,
  },
  {
    name: '德国知识产权代理',
    description: '欧洲专利与商标申请，中国律师团队。',
    district: 'pudong',
    categories: ['ip'],
    services: ['trademark'],
    countries: ['DE'],
    languages: ['zh', 'de'],
    vettedUntil: vetted,
  },
  {
    name: 'Société Générale de Conseil',
    description: 'Conseil juridique en France pour les entreprises chinoises.',
    district: 'minhang',
    categories: ['legal'],
    services: ['contract'],
    countries: ['FR'],
    languages: ['fr', 'en'],
    vettedUntil: vetted,
  },
];
const docs: ProviderSearchDocument[] = fixtures.map((fixture, i) => ({
  sectors: [],
  allianceIds: [],
  appliedAllianceIds: fixture.allianceIds ?? [],
  ...fixture,
  id: id(i + 1),
  createdAt: new Date(Date.UTC(2026, 0, i + 1)),
}));
const P = (...ns: number[]) => ns.map(id);
const newestFirst = (ids: string[]) =>
  docs
    .filter((d) => ids.includes(d.id))
    .reverse()
    .map((d) => d.id);

/** What the facets must count for these providers, straight from the fixtures. */
function facetsOf(ids: string[]): ProviderSearchResult['facets'] {
  const facets = Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as ProviderSearchResult['facets'];
  for (const doc of docs.filter((d) => ids.includes(d.id))) {
    const indexed = toTypesenseDocument(doc);
    for (const facet of FACETS) {
      const value = indexed[FACET_FIELDS[facet]];
      for (const code of Array.isArray(value) ? value : [String(value)]) facets[facet][code] = (facets[facet][code] ?? 0) + 1;
    }
  }
  return facets;
}

describeIfTypesense('provider search on Typesense', () => {
  const prefix = `seaward_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  // Built in beforeAll: a skipped describe still runs its body, where TYPESENSE_URL is unset.
  let engine: TypesenseSearchEngine;
  let client: Client;
  const all = { limit: 20, offset: 0, now, visibility: { kind: 'all' } } satisfies ProviderSearchQuery;
  const search = (query: Partial<ProviderSearchQuery>) => engine.search({ ...all, ...query });
  const idsOf = async (query: Partial<ProviderSearchQuery>) => (await search(query)).ids;

  beforeAll(async () => {
    const config = { url: process.env.TYPESENSE_URL!, apiKey: process.env.TYPESENSE_API_KEY ?? '' };
    engine = new TypesenseSearchEngine({ ...config, collectionPrefix: prefix });
    client = createTypesenseClient(config);
    await engine.ensureCollection();
    await engine.ensureCollection();
    await engine.upsert(docs);
  });

  afterAll(async () => {
    await client
      .aliases(engine.alias)
      .delete()
      .catch(() => undefined);
    const collections = await client.collections().retrieve();
    await Promise.all(collections.filter((c) => c.name.startsWith(engine.alias)).map((c) => client.collections(c.name).delete()));
  });

  it('creates one collection behind the alias however often it is ensured', async () => {
    expect(await engine.aliasTarget()).toBe(`${prefix}_providers_0`);
  });

  it('finds Chinese words inside unspaced Chinese names and descriptions', async () => {
    expect((await idsOf({ q: '律师' })).sort()).toEqual(P(3, 9).sort());
    expect((await idsOf({ q: '沙特' })).sort()).toEqual(P(1, 6).sort());
    expect(await idsOf({ q: '中国律师' })).toEqual(P(9));
  });

  it('finds English words, every word required, and without their accents', async () => {
    expect(await idsOf({ q: 'Riyadh' })).toEqual(P(2));
    expect(await idsOf({ q: 'riyadh legal' })).toEqual(P(2));
    expect(await idsOf({ q: 'riyadh tax' })).toEqual([]);
    expect(await idsOf({ q: 'vat' })).toEqual(P(5));
    expect(await idsOf({ q: 'societe' })).toEqual(P(10));
  });

  it('finds nothing for text with nothing searchable in it', async () => {
    expect(await search({ q: '!!!' })).toMatchObject({ ids: [], more: false });
  });

  it('counts every facet over all matches, not just the page', async () => {
    const everyone = await search({ limit: 2 });
    expect(everyone.facets).toEqual(facetsOf(P(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
    expect(everyone.facetsEstimated).toBe(false);
    expect((await search({ q: '沙特' })).facets).toEqual(facetsOf(P(1, 6)));
    expect((await search({ country: 'SA', category: 'legal' })).facets).toEqual(facetsOf(P(1, 2)));
  });

  it('filters by facet, alliance and codes holding commas and parentheses', async () => {
    expect(await idsOf({ country: 'SA', category: 'legal' })).toEqual(P(2, 1));
    expect(await idsOf({ district: 'minhang' })).toEqual(P(10, 6));
    expect(await idsOf({ language: 'vi', sector: 'C' })).toEqual(P(4));
    expect(await idsOf({ alliance: ALLIANCE })).toEqual(P(6, 2, 1));
    expect(await idsOf({ service: 'customs, (clearance)' })).toEqual(P(6));
    expect(await idsOf({ service: 'customs' })).toEqual([]);
  });

  it('keeps unvetted and lapsed providers from those who may not see them', async () => {
    const vettedIds = newestFirst(P(1, 2, 5, 7, 8, 9, 10));
    expect(await idsOf({ visibility: { kind: 'vetted' } })).toEqual(vettedIds);
    expect(await idsOf({ vetted: true })).toEqual(vettedIds);
    expect(await idsOf({ vetted: false })).toEqual(P(6, 4, 3));
    expect(await idsOf({ q: '律师', visibility: { kind: 'vetted' } })).toEqual(P(9));
  });

  it('lets a provider see its own unvetted profile and a manager its alliance', async () => {
    expect(await idsOf({ visibility: { kind: 'vetted', alsoProviderId: id(3) } })).toEqual(newestFirst(P(1, 2, 3, 5, 7, 8, 9, 10)));
    expect(await idsOf({ vetted: false, visibility: { kind: 'vetted', alsoProviderId: id(3) } })).toEqual(P(3));
    expect(await idsOf({ vetted: false, visibility: { kind: 'vetted', alsoAllianceId: ALLIANCE } })).toEqual(P(6));
  });

  it('pages newest first by offset and says whether more follow', async () => {
    expect(await search({ limit: 4 })).toMatchObject({ ids: P(10, 9, 8, 7), more: true });
    expect(await search({ limit: 4, offset: 4 })).toMatchObject({ ids: P(6, 5, 4, 3), more: true });
    expect(await search({ limit: 4, offset: 6 })).toMatchObject({ ids: P(4, 3, 2, 1), more: false });
    expect(await search({ limit: 4, offset: 8 })).toMatchObject({ ids: P(2, 1), more: false });
  });

  it('swaps a full reindex in behind the alias and drops the old collection, answers unchanged', async () => {
    const queries: Partial<ProviderSearchQuery>[] = [{}, { q: '律师' }, { q: 'riyadh' }, { country: 'SA', visibility: { kind: 'vetted' } }];
    const before = await Promise.all(queries.map(search));
    const previous = await engine.aliasTarget();

    async function* batches() {
      for (let i = 0; i < docs.length; i += 4) yield docs.slice(i, i + 4);
    }
    const next = await engine.reindex(batches());

    expect(next).toMatch(new RegExp(`^${prefix}_providers_\\d{13}$`));
    expect(await engine.aliasTarget()).toBe(next);
    expect(await client.collections(previous!).exists()).toBe(false);
    expect(await Promise.all(queries.map(search))).toEqual(before);
  });

  it('upserts a changed provider and deletes a removed one, twice without error', async () => {
    await engine.upsert([{ ...docs[6]!, name: 'Jakarta Market Entry 雅加达市场进入' }]);
    expect(await idsOf({ q: '雅加达' })).toEqual(P(7));
    await engine.deleteProvider(id(7));
    await engine.deleteProvider(id(7));
    expect(await idsOf({ q: '雅加达' })).toEqual([]);
    expect(await idsOf({ q: 'jakarta' })).toEqual([]);
  });
});
