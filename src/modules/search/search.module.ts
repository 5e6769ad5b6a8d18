import { Module } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { PostgresSearchEngine, SEARCH_EXACT_LIMIT } from './postgres/postgres-search.engine.js';
import { PROVIDER_SEARCH_ENGINE, PROVIDER_SEARCH_INDEXER } from './provider-search.port.js';

/** Provider search: Postgres by default; Typesense when TYPESENSE_URL is set. */
@Module({
  providers: [
    PostgresSearchEngine,
    { provide: SEARCH_EXACT_LIMIT, inject: [CONFIG], useFactory: (config: Config) => config.searchExactLimit },
    { provide: PROVIDER_SEARCH_ENGINE, useExisting: PostgresSearchEngine },
    { provide: PROVIDER_SEARCH_INDEXER, useValue: null },
  ],
  exports: [PROVIDER_SEARCH_ENGINE, PROVIDER_SEARCH_INDEXER],
})
export class SearchModule {}
