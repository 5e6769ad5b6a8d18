import { Errors, type Client } from 'typesense';
import type {
  ProviderSearchDocument,
  ProviderSearchEngine,
  ProviderSearchIndexer,
  ProviderSearchQuery,
  ProviderSearchResult,
} from '../provider-search.port.js';
import { emptyResult, providerCollectionSchema, searchParamsOf, searchResultOf, toTypesenseDocument, type ProviderDocument } from './provider-collection.js';
import { createTypesenseClient, type TypesenseConfig } from './typesense-client.js';

export interface TypesenseSearchOptions extends TypesenseConfig {
  /** Keeps collections apart on a shared server (a test run): the alias becomes `<prefix>_providers`. */
  collectionPrefix?: string;
}

/**
 * Provider search over a Typesense collection reached through an alias, so that reindex() can
 * build a fresh collection beside the live one and swap it in at once. Reads and writes always
 * name the alias, never a collection.
 */
export class TypesenseSearchEngine implements ProviderSearchEngine, ProviderSearchIndexer {
  readonly name = 'typesense' as const;
  readonly alias: string;
  private readonly client: Client;

  constructor(options: TypesenseSearchOptions) {
    this.client = createTypesenseClient(options);
    this.alias = options.collectionPrefix ? `${options.collectionPrefix}_providers` : 'providers';
  }

  async search(query: ProviderSearchQuery): Promise<ProviderSearchResult> {
    const params = searchParamsOf(query);
    if (!params) return emptyResult();
    const response = await this.client.collections<ProviderDocument>(this.alias).documents().search(params);
    return searchResultOf(response, query.limit);
  }

  /** Creates or replaces these providers' documents (an import with action upsert); the search-sync processor calls it. */
  async upsert(documents: ProviderSearchDocument[]): Promise<void> {
    await this.importInto(this.alias, documents);
  }

  /** Removes a provider's document; one already gone is fine. */
  async deleteProvider(id: string): Promise<void> {
    try {
      await this.client.collections<ProviderDocument>(this.alias).documents(id).delete();
    } catch (error) {
      if (!(error instanceof Errors.ObjectNotFound)) throw error;
    }
  }

  /** Creates the collection and its alias unless the alias exists. */
  async ensureCollection(): Promise<void> {
    if (await this.aliasTarget()) return;
    // A fixed name, so two processes starting together create one collection, not two.
    const name = `${this.alias}_0`;
    try {
      await this.client.collections().create(providerCollectionSchema(name));
    } catch (error) {
      if (!(error instanceof Errors.ObjectAlreadyExists)) throw error;
    }
    await this.client.aliases().upsert(this.alias, { collection_name: name });
  }

  /**
   * Full reindex without downtime: indexes every batch into a new `<alias>_<epoch ms>` collection,
   * points the alias at it in one call, then drops the collection it pointed at before.
   * Returns the new collection's name. An upsert that lands in the old collection after its
   * provider's batch was read is lost with it: re-upsert providers changed since the start.
   */
  async reindex(all: AsyncIterable<ProviderSearchDocument[]>): Promise<string> {
    const name = `${this.alias}_${Date.now()}`;
    await this.client.collections().create(providerCollectionSchema(name));
    try {
      for await (const batch of all) await this.importInto(name, batch);
    } catch (error) {
      // Leave no half-built collection behind; the error that matters is the indexing one.
      await this.client
        .collections(name)
        .delete()
        .catch(() => undefined);
      throw error;
    }
    const previous = await this.aliasTarget();
    await this.client.aliases().upsert(this.alias, { collection_name: name });
    if (previous && previous !== name) await this.client.collections(previous).delete();
    return name;
  }

  /** The collection the alias points at, or null when there is no alias yet. */
  async aliasTarget(): Promise<string | null> {
    try {
      return (await this.client.aliases(this.alias).retrieve()).collection_name;
    } catch (error) {
      if (error instanceof Errors.ObjectNotFound) return null;
      throw error;
    }
  }

  private async importInto(collection: string, documents: ProviderSearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    // The client throws an ImportError naming each rejected document (throwOnFail defaults to true).
    await this.client.collections<ProviderDocument>(collection).documents().import(documents.map(toTypesenseDocument), { action: 'upsert' });
  }
}
