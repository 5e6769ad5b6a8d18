import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { POSTGRES_SEARCH_OPTIONS, PostgresSearchEngine, type PostgresSearchOptions } from './postgres/postgres-search.engine.js';
import { PROVIDER_SEARCH_ENGINE, PROVIDER_SEARCH_INDEXER, type ProviderSearchEngine } from './provider-search.port.js';
import { TypesenseSearchEngine } from './typesense/typesense-search.engine.js';

function chooseEngine(config: Config, postgres: PostgresSearchEngine): ProviderSearchEngine {
  return config.typesense ? new TypesenseSearchEngine(config.typesense) : postgres;
}

/** Provider search: Postgres by default; Typesense when TYPESENSE_URL is set. */
@Module({
  providers: [
    PostgresSearchEngine,
    {
      provide: POSTGRES_SEARCH_OPTIONS,
      inject: [CONFIG],
      useFactory: (config: Config): PostgresSearchOptions => ({ exactLimit: config.searchExactLimit, estimateTtlMs: config.searchEstimateTtlMs }),
    },
    { provide: PROVIDER_SEARCH_ENGINE, inject: [CONFIG, PostgresSearchEngine], useFactory: chooseEngine },
    {
      provide: PROVIDER_SEARCH_INDEXER,
      inject: [PROVIDER_SEARCH_ENGINE],
      useFactory: (engine: ProviderSearchEngine) => (engine instanceof TypesenseSearchEngine ? engine : null),
    },
  ],
  exports: [PROVIDER_SEARCH_ENGINE, PROVIDER_SEARCH_INDEXER],
})
export class SearchModule implements OnApplicationBootstrap {
  constructor(@Inject(PROVIDER_SEARCH_ENGINE) private readonly engine: ProviderSearchEngine) {}

  /** A Typesense collection (and its alias) must exist before the first search or upsert. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.engine instanceof TypesenseSearchEngine) await this.engine.ensureCollection();
  }
}
