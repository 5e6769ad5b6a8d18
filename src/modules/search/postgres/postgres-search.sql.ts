import { sql, type SQL } from 'drizzle-orm';
import { searchQuery } from '../../../../libs/search-text/index.js';
import type { ProviderSearchQuery } from '../provider-search.port.js';

const ARRAY_FILTERS = {
  category: sql.raw('categories'),
  service: sql.raw('services'),
  country: sql.raw('countries'),
  sector: sql.raw('sectors'),
  language: sql.raw('languages'),
} as const;

/** One provider in SAMPLE_SHARE has sample_bucket 0 (the id's last hex digit is 0). */
export const SAMPLE_SHARE = 16;

/**
 * The conditions of a search, or null when the text has nothing searchable in it (no row can
 * match). Every filter is an operator a GIN index serves (`@@` on the vector, `@>` on the
 * arrays); keep it so (see the spec).
 */
export function searchConditions(query: ProviderSearchQuery): { where: SQL; tsquery: SQL | null } | null {
  const text = query.q ? searchQuery(query.q) : null;
  if (query.q && !text) return null;
  const tsquery = text ? sql`to_tsquery('english', ${text})` : null;
  return { where: sql.join(conditions(query, tsquery), sql` and `), tsquery };
}

/**
 * Newest first. Ties go by id descending too, so a backward walk of the (created_at, id) index
 * yields the order as it is: with `id` ascending, Postgres had to read and sort every provider
 * sharing a created_at (a bulk import's whole batch) before the first row of the page.
 */
const NEWEST = sql`created_at desc, id desc`;

/**
 * The page of a large result set: its newest matches, walking the created_at index (which holds
 * the facets and vetting, migration 0330) and stopping after the page instead of ranking them all.
 * `place` is the rank, for a statement that reads the page's rows with it (PageReader).
 */
export function newestStatement(query: ProviderSearchQuery, where: SQL): SQL {
  return sql`select id, row_number() over (order by ${NEWEST}) as place from providers where ${where} order by ${NEWEST} limit ${query.limit + 1} offset ${query.offset}`;
}

/** Facet counts and the total of `matched`. */
const FACET_ARMS = sql`
    select 'category' as facet, v as code, count(*)::int as count from matched, unnest(categories) v group by v
    union all select 'service', v, count(*)::int from matched, unnest(services) v group by v
    union all select 'country', v, count(*)::int from matched, unnest(countries) v group by v
    union all select 'sector', v, count(*)::int from matched, unnest(sectors) v group by v
    union all select 'language', v, count(*)::int from matched, unnest(languages) v group by v
    union all select 'district', district, count(*)::int from matched group by district
    union all select 'total', '', count(*)::int from matched`;

/**
 * Facet counts and the total over the sample bucket only (the sample's own index, migration
 * 0330): how many match, estimated, and for a large result set the counts, scaled.
 */
export function sampleStatement(where: SQL): SQL {
  return sql`
    with matched as (select categories, services, countries, sectors, languages, district from providers where ${where} and sample_bucket = 0)
    ${FACET_ARMS}`;
}

/**
 * A small result set read once: its exact facet counts and total, and the page as rows of facet
 * 'page' (the id as code, its place in the order as count), ranked by relevance to the text or
 * newest first. Reading the matches twice, for the counts and again for the page, cost twice the
 * GIN intersections that are most of a small search's time.
 */
export function exactStatement(query: ProviderSearchQuery, where: SQL, tsquery: SQL | null): SQL {
  const rank = tsquery ? sql`ts_rank(search_vector, ${tsquery})` : sql`0::real`;
  const by = tsquery ? sql`rank desc, id` : NEWEST;
  return sql`
    with matched as materialized (
      select id, created_at, ${rank} as rank, categories, services, countries, sectors, languages, district from providers where ${where})
    ${FACET_ARMS}
    union all select 'page', id::text, place::int
      from (select id, row_number() over (order by ${by}) as place from matched order by ${by} limit ${query.limit + 1} offset ${query.offset}) page`;
}

function conditions(query: ProviderSearchQuery, tsquery: SQL | null): SQL[] {
  const now = query.now.toISOString();
  const vetted = sql`vetted_until > ${now}`;
  const all: SQL[] = [sql`true`];
  if (tsquery) all.push(sql`search_vector @@ ${tsquery}`);
  for (const facet of Object.keys(ARRAY_FILTERS) as (keyof typeof ARRAY_FILTERS)[]) {
    const value = query[facet];
    if (value) all.push(sql`${ARRAY_FILTERS[facet]} @> array[${value}]::text[]`);
  }
  if (query.district) all.push(sql`district = ${query.district}`);
  const visibility = query.visibility;
  if (query.alliance) {
    // Applicants count as members only for those who may see them: admins and that alliance's managers.
    const seesApplicants = visibility.kind === 'all' || visibility.alsoAllianceId === query.alliance;
    const column = seesApplicants ? sql.raw('applied_alliance_ids') : sql.raw('alliance_ids');
    all.push(sql`${column} @> array[${query.alliance}]::uuid[]`);
  }
  if (query.vetted === true) all.push(vetted);
  if (query.vetted === false) all.push(sql`(vetted_until is null or vetted_until <= ${now})`);
  if (visibility.kind === 'vetted') {
    const also: SQL[] = [vetted];
    if (visibility.alsoProviderId) also.push(sql`id = ${visibility.alsoProviderId}`);
    if (visibility.alsoAllianceId) also.push(sql`applied_alliance_ids @> array[${visibility.alsoAllianceId}]::uuid[]`);
    all.push(sql`(${sql.join(also, sql` or `)})`);
  }
  return all;
}
