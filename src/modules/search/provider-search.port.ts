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

export interface ProviderSearchResult {
  /** Ids in rank order (text relevance when `q` is given, else newest first). */
  ids: string[];
  /** Whether more results follow this page. */
  more: boolean;
  /** For each facet, how many matching providers carry each code. */
  facets: Record<Facet, Record<string, number>>;
  /** True when the result set was too large to count exactly and the counts are estimates. */
  facetsEstimated: boolean;
}

export interface ProviderSearchEngine {
  readonly name: 'postgres' | 'typesense';
  search(query: ProviderSearchQuery): Promise<ProviderSearchResult>;
}

export const PROVIDER_SEARCH_ENGINE = Symbol('PROVIDER_SEARCH_ENGINE');

/** Engines with an index of their own (Typesense) are kept current through the search-sync queue. */
export interface ProviderSearchIndexer {
  upsert(documents: ProviderSearchDocument[]): Promise<void>;
}

/** The indexer, or null when the engine reads the providers table itself (Postgres). */
export const PROVIDER_SEARCH_INDEXER = Symbol('PROVIDER_SEARCH_INDEXER');
