import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readConfigOrExit } from '../bootstrap/read-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DbModule } from '../db/db.module.js';
import { AuditModule } from '../modules/audit/audit.module.js';
import { OutboxModule } from '../modules/outbox/outbox.module.js';
import { ProvidersModule } from '../modules/providers/providers.module.js';
import { ProvidersService } from '../modules/providers/providers.service.js';
import { PROVIDER_SEARCH_ENGINE, type ProviderSearchEngine } from '../modules/search/provider-search.port.js';
import { TypesenseSearchEngine } from '../modules/search/typesense/typesense-search.engine.js';

/**
 * npm run search:reindex — rebuilds the Typesense collection from Postgres into a new collection
 * and swaps the alias to it, so searches keep answering throughout. Changes made while it runs
 * reach the new collection through the search-sync queue once the worker processes them.
 */
const config = readConfigOrExit();
if (!config.typesense) {
  console.error('TYPESENSE_URL: is required for a reindex (Postgres search reads the providers table and needs none)');
  process.exit(78);
}

@Module({ imports: [ConfigModule.forRoot(config), DbModule, AuditModule, OutboxModule, ProvidersModule] })
class ReindexModule {}

const app = await NestFactory.createApplicationContext(ReindexModule, { logger: ['error', 'warn'], abortOnError: false });
try {
  const engine = app.get<ProviderSearchEngine>(PROVIDER_SEARCH_ENGINE, { strict: false });
  if (!(engine instanceof TypesenseSearchEngine)) throw new Error('search engine is not Typesense');
  let count = 0;
  const batches = app.get(ProvidersService, { strict: false }).allSearchDocuments();
  const counted = (async function* () {
    for await (const batch of batches) {
      count += batch.length;
      yield batch;
    }
  })();
  const collection = await engine.reindex(counted);
  console.log(`reindexed ${count} providers into ${collection}; alias ${engine.alias} now points at it`);
} finally {
  await app.close();
}
