import { Inject, Injectable, Optional } from '@nestjs/common';
import type { SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { CUSTOM_PLAN_DB } from '../../../db/db.module.js';
import type { Database } from '../../../db/database.js';
import {
  FACETS,
  type Facet,
  type PageReader,
  type ProviderSearchEngine,
  type ProviderSearchQuery,
  type ProviderSearchResult,
} from '../provider-search.port.js';
import { SAMPLE_SHARE, exactStatement, newestStatement, sampleStatement, searchConditions } from './postgres-search.sql.js';

export const POSTGRES_SEARCH_OPTIONS = Symbol('POSTGRES_SEARCH_OPTIONS');

export interface PostgresSearchOptions {
  /** Above this many matches (estimated from the sample) counts are scaled and order is newest first. */
  exactLimit: number;
  /** How long one query's estimated counts are reused; 0 computes them for every call. */
  estimateTtlMs: number;
}

const DEFAULTS: PostgresSearchOptions = { exactLimit: 1000, estimateTtlMs: 0 };
type FacetRow = { facet: Facet | 'total' | 'page'; code: string; count: number };
type Counts = { counts: ProviderSearchResult['facets']; total: number };

/**
 * Search over the providers table itself: the bigram tsvector (libs/search-text) under a GIN
 * index, GIN indexes on the array facets, vetting as a timestamp. It only reads; the providers
 * module owns the table and keeps these columns current.
 *
 * Measured at 100,000 providers, a common word matches ~9,000 of them, and reading every match
 * (for exact counts and relevance) costs ~60 ms. So a sampled count runs first (a sixteenth of
 * the matches, read through an index that holds only the sample). When it estimates more than
 * `exactLimit` matches, counts are scaled from the sample and the page is the newest matches,
 * read off the created_at index; otherwise one statement reads the matches once for their exact
 * counts and the page ranked by relevance. (The planner's row estimate was tried instead of the
 * sample and misjudges prefix conjunctions such as `tax:* & advisory:*` tenfold.) The newest-first
 * page reads the page's rows in the same statement when the caller says how (PageReader).
 *
 * Every statement is planned for its values (CUSTOM_PLAN_DB, the read server): whether to walk
 * created_at or intersect the GIN indexes and sort depends on how many match, which one generic
 * plan cannot know. For the exact statement the generic plan cost Postgres 17–20 ms a call over
 * 960 random country × category × language searches; planned for each, the same searches ran at
 * 120 calls/s instead of 87 (issue 31).
 *
 * An estimate is kept for `estimateTtlMs` and reused by the same query from anyone who sees the
 * same providers: a directory's popular searches then cost one page read each. Exact counts and
 * every page are always read afresh, so a change shows at once in small result sets and in the
 * results themselves; only the scaled counts of a large set may lag it by the TTL.
 */
@Injectable()
export class PostgresSearchEngine implements ProviderSearchEngine {
  readonly name = 'postgres' as const;
  private readonly options: PostgresSearchOptions;
  private readonly estimates: LRUCache<string, Counts> | null;

  constructor(
    @Inject(CUSTOM_PLAN_DB) private readonly db: Database,
    @Optional() @Inject(POSTGRES_SEARCH_OPTIONS) options?: Partial<PostgresSearchOptions>,
  ) {
    this.options = { ...DEFAULTS, ...options };
    const ttl = this.options.estimateTtlMs;
    this.estimates = ttl > 0 ? new LRUCache({ max: 2000, ttl }) : null;
  }

  async search<Row extends { id: string } = never>(query: ProviderSearchQuery, readPage?: PageReader<Row>): Promise<ProviderSearchResult<Row>> {
    const conditions = searchConditions(query);
    if (!conditions) return { ids: [], more: false, facets: emptyFacets(), facetsEstimated: false };
    const { where, tsquery } = conditions;

    const key = estimateKey(query);
    const kept = this.estimates?.get(key);
    const sample = kept ?? (await this.counts(sampleStatement(where)));
    if (sample.total * SAMPLE_SHARE <= this.options.exactLimit) return this.exact(query, where, tsquery);
    if (!kept) this.estimates?.set(key, sample);
    const page = newestStatement(query, where);
    const facets = scaled(sample).counts;
    if (readPage) {
      const rows = await readPage(page, this.db);
      const shown = rows.slice(0, query.limit);
      return { ids: shown.map((row) => row.id), rows: shown, more: rows.length > query.limit, facets, facetsEstimated: true };
    }
    const ids = (await this.db.execute<{ id: string }>(page)).map((row) => row.id);
    return { ids: ids.slice(0, query.limit), more: ids.length > query.limit, facets, facetsEstimated: true };
  }

  private async exact(query: ProviderSearchQuery, where: SQL, tsquery: SQL | null): Promise<ProviderSearchResult<never>> {
    const places: { id: string; place: number }[] = [];
    const { counts } = await this.counts(exactStatement(query, where, tsquery), (row) => places.push({ id: row.code, place: row.count }));
    const ids = places.sort((a, b) => a.place - b.place).map((row) => row.id);
    return { ids: ids.slice(0, query.limit), more: ids.length > query.limit, facets: counts, facetsEstimated: false };
  }

  /** Facet rows into counts; rows of another kind (the page) go to `other`. */
  private async counts(statement: SQL, other: (row: FacetRow) => void = () => undefined): Promise<Counts> {
    const counts = emptyFacets();
    let total = 0;
    for (const row of await this.db.execute<FacetRow>(statement)) {
      if (row.facet === 'total') total = row.count;
      else if (row.facet === 'page') other(row);
      else counts[row.facet][row.code] = row.count;
    }
    return { counts, total };
  }
}

/** Everything that decides which providers match (not the page, nor the instant). */
function estimateKey(query: ProviderSearchQuery): string {
  const { q, category, service, country, sector, language, district, alliance, vetted, visibility } = query;
  return JSON.stringify([q, category, service, country, sector, language, district, alliance, vetted, visibility]);
}

function scaled(sample: Counts): Counts {
  const counts = emptyFacets();
  for (const facet of FACETS) {
    for (const [code, count] of Object.entries(sample.counts[facet])) counts[facet][code] = count * SAMPLE_SHARE;
  }
  return { counts, total: sample.total * SAMPLE_SHARE };
}

function emptyFacets(): ProviderSearchResult['facets'] {
  return Object.fromEntries(FACETS.map((facet) => [facet, {}])) as ProviderSearchResult['facets'];
}
