import type { CollectionCreateSchema, CollectionFieldSchema, SearchResponse } from 'typesense';
import type { SearchParams } from 'typesense/lib/Typesense/Types.js';
import { searchQuery } from '../../../../libs/search-text/index.js';
import { FACETS, type Facet, type ProviderSearchDocument, type ProviderSearchQuery, type ProviderSearchResult } from '../provider-search.port.js';

/** A provider as Typesense stores it; instants are epoch milliseconds, as precise as Postgres keeps them. */
export type ProviderDocument = {
  id: string;
  name: string;
  name_zh: string;
  description: string;
  description_zh: string;
  district: string;
  categories: string[];
  services: string[];
  countries: string[];
  sectors: string[];
  languages: string[];
  alliance_ids: string[];
  applied_alliance_ids: string[];
  /** 0 when never vetted, so `vetted_until:>now` is false. */
  vetted_until: number;
  created_at: number;
};

export type ProviderSearchParams = SearchParams<ProviderDocument>;

export const FACET_FIELDS: Record<Facet, keyof ProviderDocument> = {
  category: 'categories',
  service: 'services',
  country: 'countries',
  sector: 'sectors',
  language: 'languages',
  district: 'district',
};

const FILTER_FIELDS = FACET_FIELDS;

/**
 * Name and description are indexed twice. Typesense tokenizes the whole query with the locale of
 * the first `query_by` field (collections.md; `most_weighted_field` in collection.cpp), so a
 * query with Chinese goes to the `zh` fields first (ICU segments 沙特律师 into 沙特 + 律师), and
 * any other query to the default-locale fields first (which fold diacritics: societe finds Société).
 */
const TEXT_FIELDS_CJK_FIRST = ['name_zh', 'name', 'description_zh', 'description'] as const;
const TEXT_FIELDS_LATIN_FIRST = ['name', 'name_zh', 'description', 'description_zh'] as const;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

// Above the largest code list (250 countries); language tags are open BCP 47, and any past 300 go uncounted.
export const MAX_FACET_VALUES = 300;

export function providerCollectionSchema(name: string): CollectionCreateSchema {
  const facet = (field: keyof ProviderDocument, type: 'string' | 'string[]'): CollectionFieldSchema => ({ name: field, type, facet: true });
  return {
    name,
    fields: [
      { name: 'name', type: 'string' },
      { name: 'name_zh', type: 'string', locale: 'zh' },
      { name: 'description', type: 'string' },
      { name: 'description_zh', type: 'string', locale: 'zh' },
      facet('district', 'string'),
      ...FACETS.filter((f) => f !== 'district').map((f) => facet(FACET_FIELDS[f], 'string[]')),
      { name: 'alliance_ids', type: 'string[]' },
      { name: 'applied_alliance_ids', type: 'string[]' },
      { name: 'vetted_until', type: 'int64' },
      { name: 'created_at', type: 'int64' },
    ],
    default_sorting_field: 'created_at',
  };
}

export function toTypesenseDocument(doc: ProviderSearchDocument): ProviderDocument {
  return {
    id: doc.id,
    name: doc.name,
    name_zh: doc.name,
    description: doc.description,
    description_zh: doc.description,
    district: doc.district,
    categories: doc.categories,
    services: doc.services,
    countries: doc.countries,
    sectors: doc.sectors,
    languages: doc.languages,
    alliance_ids: doc.allianceIds,
    applied_alliance_ids: doc.appliedAllianceIds,
    vetted_until: doc.vettedUntil ? doc.vettedUntil.getTime() : 0,
    created_at: doc.createdAt.getTime(),
  };
}

/**
 * A filter value as a backtick literal, so commas, parentheses, `&&` and `||` stay inside it.
 * Typesense has no escape for a backtick in a literal and trims the value; no stored code has
 * either, so such a value can match no provider and yields null.
 */
function literal(value: string): string | null {
  return value.includes('`') || value.trim() !== value ? null : `[\`${value}\`]`;
}

/**
 * Typesense search parameters for a port query, or null when no provider can match (nothing
 * searchable in `q`, as the Postgres engine decides, or a filter value no code can equal).
 */
export function searchParamsOf(query: ProviderSearchQuery): ProviderSearchParams | null {
  const conditions: string[] = [];
  for (const key of Object.keys(FILTER_FIELDS) as (keyof typeof FILTER_FIELDS)[]) {
    const value = query[key];
    if (!value) continue;
    const values = literal(value);
    if (!values) return null;
    conditions.push(`${FILTER_FIELDS[key]}:=${values}`);
  }
  const visibility = query.visibility;
  if (query.alliance) {
    // Applicants count as members only for those who may see them: admins and that alliance's managers.
    const seesApplicants = visibility.kind === 'all' || visibility.alsoAllianceId === query.alliance;
    const values = literal(query.alliance);
    if (!values) return null;
    conditions.push(`${seesApplicants ? 'applied_alliance_ids' : 'alliance_ids'}:=${values}`);
  }
  const vetted = `vetted_until:>${query.now.getTime()}`;
  if (query.vetted === true) conditions.push(vetted);
  if (query.vetted === false) conditions.push(`vetted_until:<=${query.now.getTime()}`);
  if (visibility.kind === 'vetted') {
    const also = [vetted];
    const provider = visibility.alsoProviderId ? literal(visibility.alsoProviderId) : null;
    const alliance = visibility.alsoAllianceId ? literal(visibility.alsoAllianceId) : null;
    if (provider) also.push(`id:=${provider}`);
    if (alliance) also.push(`applied_alliance_ids:=${alliance}`);
    conditions.push(also.length > 1 ? `(${also.join(' || ')})` : vetted);
  }

  const q = query.q || undefined;
  if (q !== undefined && searchQuery(q) === null) return null;
  const text: Partial<ProviderSearchParams> = q === undefined ? { q: '*' } : textSearch(q);
  return {
    ...text,
    ...(conditions.length > 0 ? { filter_by: conditions.join(' && ') } : {}),
    sort_by: q === undefined ? 'created_at:desc' : '_text_match:desc,created_at:desc',
    facet_by: FACETS.map((f) => FACET_FIELDS[f]).join(','),
    max_facet_values: MAX_FACET_VALUES,
    offset: query.offset,
    limit: query.limit + 1,
    include_fields: 'id',
  };
}

function textSearch(q: string): Partial<ProviderSearchParams> {
  const fields = CJK.test(q) ? TEXT_FIELDS_CJK_FIRST : TEXT_FIELDS_LATIN_FIRST;
  return {
    // Quotes and a leading minus are Typesense operators (phrase, exclusion); Postgres ignores them.
    q: q
      .replace(/"/g, ' ')
      .replace(/(^|\s)-+/g, '$1')
      .trim(),
    query_by: fields.join(','),
    // Typos are counted in bytes (art.cpp), so one typo turns a Chinese character into an unrelated one.
    num_typos: fields.map((f) => (f.endsWith('_zh') ? 0 : 2)).join(','),
    // Every word must match, as in Postgres; by default Typesense drops words until something does.
    drop_tokens_threshold: 0,
    // The default 4 prefix expansions would leave out providers whose word merely starts with the
    // query (律师 → 律师事务所) once four other such words exist, and undercount the facets.
    max_candidates: 100,
  };
}

function emptyFacets(): ProviderSearchResult['facets'] {
  return Object.fromEntries(FACETS.map((facet) => [facet, {}])) as ProviderSearchResult['facets'];
}

const FACET_OF_FIELD = new Map<string, Facet>(FACETS.map((facet) => [FACET_FIELDS[facet], facet]));

/** The port's result from a response fetched with `limit + 1` hits. */
export function searchResultOf(response: SearchResponse<ProviderDocument>, limit: number): ProviderSearchResult {
  const ids = (response.hits ?? []).map((hit) => hit.document.id);
  const facets = emptyFacets();
  let sampled = false;
  for (const counts of response.facet_counts ?? []) {
    const facet = FACET_OF_FIELD.get(String(counts.field_name));
    if (!facet) continue;
    sampled ||= counts.sampled === true;
    for (const { value, count } of counts.counts) facets[facet][value] = count;
  }
  // Typesense counts every match unless facet sampling is asked for, which this engine does not.
  return { ids: ids.slice(0, limit), more: ids.length > limit, facets, facetsEstimated: sampled };
}

export function emptyResult(): ProviderSearchResult {
  return { ids: [], more: false, facets: emptyFacets(), facetsEstimated: false };
}
