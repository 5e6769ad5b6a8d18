import { Inject, Injectable } from '@nestjs/common';
import type postgres from 'postgres';
import { SQL } from '../../db/db.module.js';

/** Prunes stored rankings of old closed requests and archives their candidate counts (match_result_archives). */
@Injectable()
export class MatchResultsArchiveRepository {
  constructor(@Inject(SQL) private readonly sql: postgres.Sql) {}

  /**
   * One batch in one statement: the counts are read from the snapshot before the delete, and the
   * request rows are locked (SKIP LOCKED), so workers sweeping together take different requests.
   */
  async pruneBatch(cutoff: Date, keepTop: number, requests: number): Promise<{ requests: number; pruned: number }> {
    const [row] = await this.sql<{ requests: number; pruned: number }[]>`
      with due as (
        select r.id from service_requests r
        where r.status in ('awarded', 'cancelled', 'expired') and r.published_at < ${cutoff.toISOString()}::timestamptz
          and not exists (select 1 from match_result_archives a where a.request_id = r.id)
        order by r.published_at
        limit ${requests}
        for update of r skip locked
      ),
      counted as (
        select d.id as request_id, (select count(*) from match_results m where m.request_id = d.id)::int as candidates from due d
      ),
      pruned as (
        delete from match_results m using due d
        where m.request_id = d.id and m.rank > ${keepTop} and not m.invited
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
