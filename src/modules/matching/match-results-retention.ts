import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { HourlyRetention } from '../../jobs/hourly-retention.js';
import { MatchResultsArchiveRepository } from './match-results-archive.repository.js';

const REQUESTS_PER_BATCH = 200;

/**
 * Prunes the stored rankings of closed requests published more than MATCH_RESULTS_RETENTION_DAYS
 * ago (0 keeps them): of up to MATCH_RESULTS_KEPT candidates, what the quality metrics and an
 * alliance's reviews still read stays — the top MATCH_RESULTS_ARCHIVE_TOP, every invited
 * provider, the awarded one and every reviewed match, each with its original rank and factors —
 * and `match_result_archives` keeps how many candidates there were. Replays of such requests
 * re-rank the kept candidates only.
 */
@Injectable()
export class MatchResultsRetention extends HourlyRetention {
  protected readonly retentionDays: number;
  private readonly archiveTop: number;

  constructor(
    private readonly archive: MatchResultsArchiveRepository,
    @Inject(CONFIG) config: Config,
  ) {
    super();
    this.retentionDays = config.matching.retentionDays;
    this.archiveTop = config.matching.archiveTop;
  }

  /** Prunes what is due; returns how many ranking rows went. */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = this.cutoff(now);
    let pruned = 0;
    for (;;) {
      const batch = await this.archive.pruneBatch(cutoff, this.archiveTop, REQUESTS_PER_BATCH);
      pruned += batch.pruned;
      if (batch.requests < REQUESTS_PER_BATCH) break;
    }
    if (pruned > 0) this.logger.log(`match results retention: ${pruned} ranking rows of requests older than ${this.retentionDays} days pruned`);
    return pruned;
  }
}
