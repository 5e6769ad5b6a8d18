import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { searchQuery } from '../../../../libs/search-text/index.js';
import { DB } from '../../../db/db.module.js';
import type { Database } from '../../../db/database.js';
import { FACETS, type Facet, type ProviderSearchEngine, type ProviderSearchQuery, type ProviderSearchResult } from '../provider-search.port.js';

const ARRAY_FILTERS = {
  category: sql.raw('categories'),
  service: sql.raw('services'),
  country: sql.raw('countries'),
  sector: sql.raw('sectors'),
  language: sql.raw('languages'),
} as const;

/**
 * Search over the providers table itself: the bigram tsvector (libs/search-text) under a GIN
 * index for text, GIN indexes on the array facets, vetting as an indexed timestamp. It only
 * reads; the providers module owns the table and keeps these columns.
 */
@Injectable()
export class PostgresSearchEngine implements ProviderSearchEngine {
  readonly name = 'postgres' as const;

  constructor(@Inject(DB) private readonly db: Database) {}

  async search(query: ProviderSearchQuery): Promise<ProviderSearchResult> {
    const text = query.q ? searchQuery(query.q) : null;
    if (query.q && !text) return { ids: [], more: false, facets: emptyFacets() };
    const tsquery = text ? sql`to_tsquery('english', ${text})` : null;
    const where = sql.join(this.conditions(query, tsquery), sql` and `);
    const order = tsquery ? sql`ts_rank(search_vector, ${tsquery}) desc, id` : sql`created_at desc, id`;

    const [page, facetRows] = await Promise.all([
      this.db.execute<{ id: string }>(
        sql`select id from providers where ${where} order by ${order} limit ${query.limit + 1} offset ${query.offset}`,
      ),
      this.db.execute<{ facet: Facet; code: string; count: number }>(sql`
        with matched as (select categories, services, countries, sectors, languages, district from providers where ${where})
        select 'category' as facet, v as code, count(*)::int as count from matched, unnest(categories) v group by v
        union all select 'service', v, count(*)::int from matched, unnest(services) v group by v
        union all select 'country', v, count(*)::int from matched, unnest(countries) v group by v
        union all select 'sector', v, count(*)::int from matched, unnest(sectors) v group by v
        union all select 'language', v, count(*)::int from matched, unnest(languages) v group by v
        union all select 'district', district, count(*)::int from matched group by district`),
    ]);

    const facets = emptyFacets();
    for (const row of facetRows) facets[row.facet][row.code] = row.count;
    const ids = page.map((row) => row.id);
    return { ids: ids.slice(0, query.limit), more: ids.length > query.limit, facets };
  }

  private conditions(query: ProviderSearchQuery, tsquery: SQL | null): SQL[] {
    const now = query.now.toISOString();
    const vetted = sql`vetted_until > ${now}`;
    const conditions: SQL[] = [sql`true`];
    if (tsquery) conditions.push(sql`search_vector @@ ${tsquery}`);
    for (const facet of Object.keys(ARRAY_FILTERS) as (keyof typeof ARRAY_FILTERS)[]) {
      const value = query[facet];
      if (value) conditions.push(sql`${ARRAY_FILTERS[facet]} @> array[${value}]::text[]`);
    }
    if (query.district) conditions.push(sql`district = ${query.district}`);
    const visibility = query.visibility;
    if (query.alliance) {
      // Applicants count as members only for those who may see them: admins and that alliance's managers.
      const seesApplicants = visibility.kind === 'all' || visibility.alsoAllianceId === query.alliance;
      const column = seesApplicants ? sql.raw('applied_alliance_ids') : sql.raw('alliance_ids');
      conditions.push(sql`${column} @> array[${query.alliance}]::uuid[]`);
    }
    if (query.vetted === true) conditions.push(vetted);
    if (query.vetted === false) conditions.push(sql`(vetted_until is null or vetted_until <= ${now})`);
    if (visibility.kind === 'vetted') {
      const also: SQL[] = [vetted];
      if (visibility.alsoProviderId) also.push(sql`id = ${visibility.alsoProviderId}`);
      if (visibility.alsoAllianceId) also.push(sql`applied_alliance_ids @> array[${visibility.alsoAllianceId}]::uuid[]`);
      conditions.push(sql`(${sql.join(also, sql` or `)})`);
    }
    return conditions;
  }
}

function emptyFacets(): ProviderSearchResult['facets'] {
  return Object.fromEntries(FACETS.map((facet) => [facet, {}])) as ProviderSearchResult['facets'];
}
