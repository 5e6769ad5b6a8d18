import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PROVIDER_SEARCH_INDEXER, type ProviderSearchIndexer } from '../search/provider-search.port.js';
import { ProvidersService } from './providers.service.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';

/**
 * Pushes provider changes (from the outbox) to a search engine with its own index. Upserting the
 * current row makes a repeated or out-of-order job harmless. With Postgres as the engine the
 * table is the index, so there is nothing to push.
 */
@Processor('search-sync', { settings: WORKER_SETTINGS })
export class ProviderSearchSyncProcessor extends WorkerHost {
  constructor(
    private readonly providers: ProvidersService,
    @Inject(PROVIDER_SEARCH_INDEXER) private readonly indexer: ProviderSearchIndexer | null,
  ) {
    super();
  }

  async process(job: Job<{ providerId: string }>): Promise<'indexed' | 'gone' | 'not_needed'> {
    switch (job.name) {
      case JOBS['search-sync'].providerChanged:
        return this.syncProvider(job.data.providerId);
      default:
        throw unknownJob('search-sync', job.name);
    }
  }

  private async syncProvider(providerId: string) {
    if (!this.indexer) return 'not_needed';
    const document = await this.providers.searchDocument(providerId);
    if (!document) return 'gone';
    await this.indexer.upsert([document]);
    return 'indexed';
  }
}
