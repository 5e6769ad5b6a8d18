import type { SQL } from 'drizzle-orm';
import type { Database } from '../../db/database.js';

/**
 * The one interface provider search is written against; Postgres answers it by default and
 * Typesense when TYPESENSE_URL is set. Both return the same shape for the same query.
 */
export const FACETS = ['category', 'service', 'country', 'sector', 'language', 'district'] as const;
export type Facet = (typeof FACETS)[number];

/** Who may see unvetted profiles: admins all; a provider itself; an alliance manager its members. */
export type SearchVisibility = { kind: 'all' } | { kind: 'vetted'; alsoProviderId?: string; alsoAllianceId?: string };

export interface ProviderSearchQuery {
  q?: string;
  category?: string;
  service?: string;
  country?: string;
  sector?: string;
  language?: string;
  district?: string;
  alliance?: string;
  /** true: vetted only; false: unvetted only (within what the caller may see); undefined: both. */
  vetted?: boolean;
  limit: number;
  offset: number;
  visibility: SearchVisibility;
  /** The instant "vetted" is judged at (vetted_until > now). */
  now: Date;
}

/** The document both engines index for a provider. */
export interface ProviderSearchDocument {
  id: string;
  name: string;
  description: string;
  district: string;
  categories: string[];
  services: string[];
  countries: string[];
  sectors: string[];
  languages: string[];
  allianceIds: string[];
  appliedAllianceIds: string[];
  vettedUntil: Date | null;
  createdAt: Date;
}

export interface ProviderSearchResult<Row = never> {
  /** Ids in rank order (text relevance when `q` is given, else newest first). */
  ids: string[];
  /** The page's rows, when the engine read them with the page (see PageReader); else read them by id. */
  rows?: Row[];
  /** Whether more results follow this page. */
  more: boolean;
  /** For each facet, how many matching providers carry each code. */
  facets: Record<Facet, Record<string, number>>;
  /** True when the result set was too large to count exactly and the counts are estimates. */
  facetsEstimated: boolean;
}

/**
 * Reads the rows of a page that an engine reading the providers table itself (Postgres) selects
 * by a statement of its own (columns `id` and `place`, the rank), in the same statement and on the
 * engine's connection: the page and its rows in one round trip. The providers module, which owns
 * the table and its row type, writes it.
 */
export type PageReader<Row extends { id: string }> = (page: SQL, db: Database) => Promise<Row[]>;

export interface ProviderSearchEngine {
  readonly name: 'postgres' | 'typesense';
  search<Row extends { id: string } = never>(query: ProviderSearchQuery, readPage?: PageReader<Row>): Promise<ProviderSearchResult<Row>>;
}

export const PROVIDER_SEARCH_ENGINE = Symbol('PROVIDER_SEARCH_ENGINE');

/** Engines with an index of their own (Typesense) are kept current through the search-sync queue. */
export interface ProviderSearchIndexer {
  upsert(documents: ProviderSearchDocument[]): Promise<void>;
}

/** The indexer, or null when the engine reads the providers table itself (Postgres). */
export const PROVIDER_SEARCH_INDEXER = Symbol('PROVIDER_SEARCH_INDEXER');
