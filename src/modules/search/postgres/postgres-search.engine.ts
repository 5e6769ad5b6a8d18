import { Inject, Injectable, Optional } from '@nestjs/common';
import type { SQL } from 'drizzle-orm';
import { READ_DB } from '../../../db/db.module.js';
import type { Database } from '../../../db/database.js';
import { FACETS, type Facet, type ProviderSearchEngine, type ProviderSearchQuery, type ProviderSearchResult } from '../provider-search.port.js';
import { SAMPLE_SHARE, facetStatement, pageStatement, searchConditions } from './postgres-search.sql.js';

export const SEARCH_EXACT_LIMIT = Symbol('SEARCH_EXACT_LIMIT');
type FacetRow = { facet: Facet | 'total'; code: string; count: number };

/**
 * Search over the providers table itself: the bigram tsvector (libs/search-text) under a GIN
 * index, GIN indexes on the array facets, vetting as a timestamp. It only reads; the providers
 * module owns the table and keeps these columns current.
 *
 * Measured at 100,000 providers, a common word matches ~9,000 of them, and reading every match
 * (for exact counts and relevance) costs ~60 ms. So a sampled count runs first (a sixteenth of
 * the matches, ~5 ms). When it estimates more than `exactLimit` matches, counts are scaled from
 * the sample and the page is the newest matches, read off the created_at index; otherwise counts
 * are exact and the page is ranked by relevance. (The planner's row estimate was tried instead
 * and misjudges prefix conjunctions such as `tax:* & advisory:*` tenfold.)
 */
@Injectable()
export class PostgresSearchEngine implements ProviderSearchEngine {
  readonly name = 'postgres' as const;

  constructor(
    @Inject(READ_DB) private readonly db: Database,
    @Optional() @Inject(SEARCH_EXACT_LIMIT) private readonly exactLimit: number = 1000,
  ) {}

  async search(query: ProviderSearchQuery): Promise<ProviderSearchResult> {
    const conditions = searchConditions(query);
    if (!conditions) return { ids: [], more: false, facets: emptyFacets(), facetsEstimated: false };
    const { where, tsquery } = conditions;

    const sample = await this.facets(facetStatement(where, true));
    const estimated = sample.total * SAMPLE_SHARE > this.exactLimit;
    const [page, facets] = await Promise.all([
      this.db.execute<{ id: string }>(pageStatement(query, where, tsquery, estimated ? 'recent' : 'relevance')),
      estimated ? scaled(sample) : this.facets(facetStatement(where, false)),
    ]);
    const ids = page.map((row) => row.id);
    return { ids: ids.slice(0, query.limit), more: ids.length > query.limit, facets: facets.counts, facetsEstimated: estimated };
  }

  private async facets(statement: SQL): Promise<{ counts: ProviderSearchResult['facets']; total: number }> {
    const counts = emptyFacets();
    let total = 0;
    for (const row of await this.db.execute<FacetRow>(statement)) {
      if (row.facet === 'total') total = row.count;
      else counts[row.facet][row.code] = row.count;
    }
    return { counts, total };
  }
}

function scaled(sample: { counts: ProviderSearchResult['facets']; total: number }) {
  const counts = emptyFacets();
  for (const facet of FACETS) {
    for (const [code, count] of Object.entries(sample.counts[facet])) counts[facet][code] = count * SAMPLE_SHARE;
  }
  return { counts, total: sample.total * SAMPLE_SHARE };
}

function emptyFacets(): ProviderSearchResult['facets'] {
  return Object.fromEntries(FACETS.map((facet) => [facet, {}])) as ProviderSearchResult['facets'];
}
