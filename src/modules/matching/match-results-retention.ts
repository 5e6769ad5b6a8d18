import { Inject, Injectable } from '@nestjs/common';
import type postgres from 'postgres';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { SQL } from '../../db/db.module.js';
import { HourlyRetention } from '../../jobs/hourly-retention.js';

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
    @Inject(SQL) private readonly sql: postgres.Sql,
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
      const batch = await this.pruneBatch(cutoff);
      pruned += batch.pruned;
      if (batch.requests < REQUESTS_PER_BATCH) break;
    }
    if (pruned > 0) this.logger.log(`match results retention: ${pruned} ranking rows of requests older than ${this.retentionDays} days pruned`);
    return pruned;
  }

  /**
   * One batch in one statement: the counts are read from the snapshot before the delete, and the
   * request rows are locked (SKIP LOCKED), so workers sweeping together take different requests.
   */
  private async pruneBatch(cutoff: string): Promise<{ requests: number; pruned: number }> {
    const [row] = await this.sql<{ requests: number; pruned: number }[]>`
      with due as (
        select r.id from service_requests r
        where r.status in ('awarded', 'cancelled', 'expired') and r.published_at < ${cutoff}::timestamptz
          and not exists (select 1 from match_result_archives a where a.request_id = r.id)
        order by r.published_at
        limit ${REQUESTS_PER_BATCH}
        for update of r skip locked
      ),
      counted as (
        select d.id as request_id, (select count(*) from match_results m where m.request_id = d.id)::int as candidates from due d
      ),
      pruned as (
        delete from match_results m using due d
        where m.request_id = d.id and m.rank > ${this.archiveTop} and not m.invited
          and not exists (select 1 from engagements e where e.request_id = m.request_id and e.provider_id = m.provider_id)
          and not exists (select 1 from match_reviews v where v.request_id = m.request_id and v.provider_id = m.provider_id)
        returning m.request_id
      ),
      archived as (
        insert into match_result_archives (request_id, candidates, pruned)
        select c.request_id, c.candidates, (select count(*) from pruned p where p.request_id = c.request_id)::int from counted c
        on conflict (request_id) do nothing
        returning pruned
      )
      select (select count(*) from due)::int as requests, coalesce((select sum(pruned) from archived), 0)::int as pruned`;
    return row!;
  }
}
