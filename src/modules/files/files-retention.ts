import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { HourlyRetention } from '../../jobs/hourly-retention.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { FilesRepository } from './files.repository.js';

const BATCH = 500;

/**
 * Drafts' files go with their drafts: an upload never attached to anything for
 * FILES_DRAFT_RETENTION_DAYS is deleted, row and bytes, once an hour (0 keeps them). An attached
 * file is never swept, so documents behind a subsidy claim stay with the claim's records.
 */
@Injectable()
export class FilesRetention extends HourlyRetention {
  protected readonly retentionDays: number;

  constructor(
    private readonly repo: FilesRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(CONFIG) config: Config,
  ) {
    super();
    this.retentionDays = config.files.draftRetentionDays;
  }

  /** Deletes what is due; returns how many files went. */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = this.cutoff(now);
    let deleted = 0;
    for (;;) {
      const keys = await this.repo.deleteUnattachedBefore(cutoff, BATCH);
      // The rows are gone first: bytes left by a failed removal are unreachable, never a dangling row.
      for (const key of keys)
        await this.storage.remove(key).catch((error: unknown) => this.logger.warn({ err: error }, `file ${key} not removed from storage`));
      deleted += keys.length;
      if (keys.length < BATCH) break;
    }
    if (deleted > 0) this.logger.log(`files retention: ${deleted} uploads never attached in ${this.retentionDays} days deleted`);
    return deleted;
  }
}
