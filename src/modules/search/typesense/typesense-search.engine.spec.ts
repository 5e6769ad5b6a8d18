import { describe, expect, it } from '@jest/globals';
import type { SearchResponse } from 'typesense';
import type { ProviderSearchDocument, ProviderSearchQuery } from '../provider-search.port.js';
import { providerCollectionSchema, searchParamsOf, searchResultOf, toTypesenseDocument, type ProviderDocument } from './provider-collection.js';
import { createTypesenseClient, typesenseNode } from './typesense-client.js';
import { TypesenseSearchEngine } from './typesense-search.engine.js';

const now = new Date('2026-11-23T00:00:00.000Z');
const NOW_MS = now.getTime();
const base: ProviderSearchQuery = { limit: 20, offset: 0, now, visibility: { kind: 'all' } };

describe('providerCollectionSchema', () => {
  const fields = new Map(providerCollectionSchema('providers_1').fields!.map((field) => [field.name, field]));

  it('indexes name and description once with the Chinese locale and once with the default one', () => {
    expect(fields.get('name_zh')).toMatchObject({ type: 'string', locale: 'zh' });
    expect(fields.get('description_zh')).toMatchObject({ type: 'string', locale: 'zh' });
    expect(fields.get('name')?.locale).toBeUndefined();
    expect(fields.get('description')?.locale).toBeUndefined();
  });

  it('facets the six port facets and keeps instants as int64', () => {
    const faceted = [...fields.values()].filter((field) => field.facet).map((field) => field.name);
    expect(faceted.sort()).toEqual(['categories', 'countries', 'district', 'languages', 'sectors', 'services']);
    expect(fields.get('alliance_ids')).toEqual({ name: 'alliance_ids', type: 'string[]' });
    expect(fields.get('vetted_until')?.type).toBe('int64');
    expect(fields.get('created_at')?.type).toBe('int64');
  });
});

describe('toTypesenseDocument', () => {
  const doc: ProviderSearchDocument = {
    id: 'p-1',
    name: '沙特阿拉伯法律咨询有限公司',
    description: 'Riyadh Legal Partners',
    district: 'xuhui',
    categories: ['legal'],
    services: ['labour-law'],
    countries: ['SA'],
    sectors: ['C'],
    languages: ['zh', 'ar'],
    allianceIds: ['a-1'],
    appliedAllianceIds: ['a-1', 'a-2'],
    vettedUntil: new Date('2027-01-01T00:00:00.250Z'),
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
  };

  it('copies the texts into both locales and keeps instants to the millisecond', () => {
    expect(toTypesenseDocument(doc)).toEqual({
      id: 'p-1',
      name: doc.name,
      name_zh: doc.name,
      description: doc.description,
      description_zh: doc.description,
      district: 'xuhui',
      categories: ['legal'],
      services: ['labour-law'],
      countries: ['SA'],
      sectors: ['C'],
      languages: ['zh', 'ar'],
      alliance_ids: ['a-1'],
      applied_alliance_ids: ['a-1', 'a-2'],
      vetted_until: Date.parse('2027-01-01T00:00:00.250Z'),
      created_at: Date.parse('2026-01-01T00:00:00.000Z'),
    });
  });

  it('gives a never-vetted provider vetted_until 0, which no instant is before', () => {
    expect(toTypesenseDocument({ ...doc, vettedUntil: null }).vetted_until).toBe(0);
  });
});

describe('searchParamsOf', () => {
  it('lists everything newest first, one extra hit past the page, with all six facets', () => {
    expect(searchParamsOf({ ...base, offset: 40 })).toEqual({
      q: '*',
      sort_by: 'created_at:desc',
      facet_by: 'categories,services,countries,sectors,languages,district',
      max_facet_values: 300,
      offset: 40,
      limit: 21,
      include_fields: 'id',
    });
  });

  it('tokenizes a Chinese query with the zh fields first, without typos there, every word required', () => {
    expect(searchParamsOf({ ...base, q: '沙特 律师' })).toMatchObject({
      q: '沙特 律师',
      query_by: 'name_zh,name,description_zh,description',
      num_typos: '0,2,0,2',
      drop_tokens_threshold: 0,
      sort_by: '_text_match:desc,created_at:desc',
    });
  });

  it('tokenizes a Latin query with the default-locale fields first', () => {
    expect(searchParamsOf({ ...base, q: 'Riyadh legal' })).toMatchObject({
      query_by: 'name,name_zh,description,description_zh',
      num_typos: '2,0,2,0',
    });
  });

  it('drops the phrase and exclusion operators Postgres does not have', () => {
    expect(searchParamsOf({ ...base, q: '"tax" -vat law-firm' })?.q).toBe('tax  vat law-firm');
  });

  it('finds nothing when the text has nothing searchable, as Postgres does', () => {
    expect(searchParamsOf({ ...base, q: '!!!' })).toBeNull();
    expect(searchParamsOf({ ...base, q: '*' })).toBeNull();
  });

  it('filters each facet and the alliance by exact backtick literals', () => {
    const params = searchParamsOf({
      ...base,
      category: 'legal',
      service: 'tax, (vat) && more',
      country: 'SA',
      sector: 'C',
      language: 'ar',
      district: 'xuhui',
      alliance: 'a-1',
    });
    expect(params?.filter_by).toBe(
      'categories:=[`legal`] && services:=[`tax, (vat) && more`] && countries:=[`SA`] && sectors:=[`C`]' +
        ' && languages:=[`ar`] && district:=[`xuhui`] && applied_alliance_ids:=[`a-1`]',
    );
  });

  it('finds nothing for a filter value no literal can hold', () => {
    expect(searchParamsOf({ ...base, category: 'le`gal' })).toBeNull();
    expect(searchParamsOf({ ...base, district: ' xuhui' })).toBeNull();
  });

  it('judges vetting against now, in milliseconds', () => {
    expect(searchParamsOf({ ...base, vetted: true })?.filter_by).toBe(`vetted_until:>${NOW_MS}`);
    expect(searchParamsOf({ ...base, vetted: false })?.filter_by).toBe(`vetted_until:<=${NOW_MS}`);
  });

  it('shows the unvetted only to admins, the provider itself and its alliance', () => {
    expect(searchParamsOf({ ...base, visibility: { kind: 'vetted' } })?.filter_by).toBe(`vetted_until:>${NOW_MS}`);
    const provider = searchParamsOf({ ...base, visibility: { kind: 'vetted', alsoProviderId: 'p-1' } });
    expect(provider?.filter_by).toBe(`(vetted_until:>${NOW_MS} || id:=[\`p-1\`])`);
    const manager = searchParamsOf({ ...base, vetted: false, visibility: { kind: 'vetted', alsoAllianceId: 'a-1' } });
    expect(manager?.filter_by).toBe(`vetted_until:<=${NOW_MS} && (vetted_until:>${NOW_MS} || applied_alliance_ids:=[\`a-1\`])`);
    expect(searchParamsOf({ ...base, visibility: { kind: 'vetted', alsoProviderId: 'p`1' } })?.filter_by).toBe(`vetted_until:>${NOW_MS}`);
  });
});

describe('searchResultOf', () => {
  const response = (ids: string[], sampled = false) =>
    ({
      found: ids.length,
      out_of: 10,
      page: 1,
      search_time_ms: 1,
      request_params: {},
      hits: ids.map((id) => ({ document: { id }, highlight: {}, text_match: 0 })),
      facet_counts: [
        { field_name: 'categories', counts: [{ value: 'legal', count: 3, highlighted: 'legal' }], sampled, stats: {} },
        { field_name: 'district', counts: [{ value: 'xuhui', count: 2, highlighted: 'xuhui' }], sampled, stats: {} },
      ],
    }) as unknown as SearchResponse<ProviderDocument>;

  it('maps facet fields back to the port facet names and sees more past the page', () => {
    expect(searchResultOf(response(['a', 'b', 'c']), 2)).toEqual({
      ids: ['a', 'b'],
      more: true,
      facets: { category: { legal: 3 }, service: {}, country: {}, sector: {}, language: {}, district: { xuhui: 2 } },
      facetsEstimated: false,
    });
    expect(searchResultOf(response(['a', 'b']), 2).more).toBe(false);
  });

  it('reports sampled counts as estimated', () => {
    expect(searchResultOf(response(['a'], true), 2).facetsEstimated).toBe(true);
  });
});

describe('typesenseNode', () => {
  it('takes host, port, protocol and path from TYPESENSE_URL', () => {
    expect(typesenseNode('http://typesense:8108')).toEqual({ host: 'typesense', port: 8108, protocol: 'http', path: '' });
    expect(typesenseNode('https://search.example.com/ts/')).toEqual({
      host: 'search.example.com',
      port: 443,
      protocol: 'https',
      path: '/ts',
    });
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => typesenseNode('redis://typesense:8108')).toThrow(RangeError);
  });
});

describe('TypesenseSearchEngine', () => {
  // Port 9 (discard) has nothing listening: a request would fail the test.
  const engine = new TypesenseSearchEngine({ url: 'http://127.0.0.1:9', apiKey: 'k', collectionPrefix: 'run1' });

  it('reads and writes through a prefixed alias', () => {
    expect(engine.alias).toBe('run1_providers');
    expect(new TypesenseSearchEngine({ url: 'http://127.0.0.1:9', apiKey: 'k' }).alias).toBe('providers');
  });

  it('answers a query no provider can match without asking the server', async () => {
    await expect(engine.search({ ...base, q: '!!!' })).resolves.toEqual({
      ids: [],
      more: false,
      facets: { category: {}, service: {}, country: {}, sector: {}, language: {}, district: {} },
      facetsEstimated: false,
    });
  });
});

describe('createTypesenseClient', () => {
  it('spreads requests over every node of a comma-separated TYPESENSE_URL', () => {
    const client = createTypesenseClient({ url: 'http://ts-1:8108,https://ts-2,http://ts-3:8108/', apiKey: 'k' });
    // The client shuffles its nodes, so each replica starts on a different one.
    expect(client.configuration.nodes.map((node) => ('host' in node ? node.host : '')).sort()).toEqual(['ts-1', 'ts-2', 'ts-3']);
    expect(client.configuration.numRetries).toBe(3);
  });
});
