import { Inject, Injectable } from '@nestjs/common';
import { DB } from '../../../db/db.module.js';
import type { Database } from '../../../db/database.js';
import { FACETS, type Facet, type ProviderSearchEngine, type ProviderSearchQuery, type ProviderSearchResult } from '../provider-search.port.js';
import { searchStatements } from './postgres-search.sql.js';

/**
 * Search over the providers table itself: the bigram tsvector (libs/search-text) under a GIN
 * index for text, GIN indexes on the array facets, vetting as a timestamp. It only reads; the
 * providers module owns the table and keeps these columns current.
 */
@Injectable()
export class PostgresSearchEngine implements ProviderSearchEngine {
  readonly name = 'postgres' as const;

  constructor(@Inject(DB) private readonly db: Database) {}

  async search(query: ProviderSearchQuery): Promise<ProviderSearchResult> {
    const statements = searchStatements(query);
    if (!statements) return { ids: [], more: false, facets: emptyFacets() };
    const [page, facetRows] = await Promise.all([
      this.db.execute<{ id: string }>(statements.page),
      this.db.execute<{ facet: Facet; code: string; count: number }>(statements.facets),
    ]);
    const facets = emptyFacets();
    for (const row of facetRows) facets[row.facet][row.code] = row.count;
    const ids = page.map((row) => row.id);
    return { ids: ids.slice(0, query.limit), more: ids.length > query.limit, facets };
  }
}

function emptyFacets(): ProviderSearchResult['facets'] {
  return Object.fromEntries(FACETS.map((facet) => [facet, {}])) as ProviderSearchResult['facets'];
}
