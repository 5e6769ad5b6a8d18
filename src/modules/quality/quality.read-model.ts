import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { READ_DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';

export interface Period {
  allianceId: string;
  from: Date;
  to: Date;
}

/**
 * The read model of match quality. These queries read across the requests, matching, bids,
 * engagements and alliances tables, read-only, for reporting — the one place that does, so the
 * modules that own those tables keep their own write paths.
 *
 * The alliance's scope: its active members, and the requests published in the period to which
 * at least one of them was invited.
 */
/** Timestamps go in as ISO text: the drizzle-wrapped client does not serialise Date parameters of raw SQL. */
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const MEMBERS = (allianceId: string) => sql`select provider_id from alliance_memberships where alliance_id = ${allianceId} and status = 'active'`;
const REQUESTS = (p: Period) => sql`
  select r.id, r.published_at from service_requests r
  where r.published_at >= ${at(p.from)} and r.published_at < ${at(p.to)}
    and exists (select 1 from invitations i where i.request_id = r.id and i.provider_id in (${MEMBERS(p.allianceId)}))`;

@Injectable()
export class QualityReadModel {
  /** Reads only, from DATABASE_READ_URL when set (a replica's lag is fine for reporting). */
  constructor(@Inject(READ_DB) private readonly db: Database) {}

  async members(allianceId: string): Promise<string[]> {
    return (await this.db.execute<{ provider_id: string }>(MEMBERS(allianceId))).map((r) => r.provider_id);
  }

  async requests(p: Period) {
    return this.db.execute<{ id: string; published_at: string }>(sql`select id, published_at from (${REQUESTS(p)}) r`);
  }

  async invitations(p: Period) {
    return this.db.execute<{ request_id: string; provider_id: string }>(sql`
      select i.request_id, i.provider_id from invitations i
      where i.request_id in (select id from (${REQUESTS(p)}) r) and i.provider_id in (${MEMBERS(p.allianceId)})`);
  }

  async bids(p: Period) {
    return this.db.execute<{ request_id: string; provider_id: string; created_at: string }>(sql`
      select b.request_id, b.provider_id, b.created_at from bids b
      where b.request_id in (select id from (${REQUESTS(p)}) r) and b.provider_id in (${MEMBERS(p.allianceId)})`);
  }

  /** Awards to members, each with the engine's stored ranking for its request. */
  async awards(p: Period) {
    return this.db.execute<{ request_id: string; provider_id: string; price: string; currency: string; ranking: { providerId: string; rank: number }[] }>(sql`
      select e.request_id, e.provider_id, e.price::text as price, e.currency,
             coalesce((select jsonb_agg(jsonb_build_object('providerId', m.provider_id, 'rank', m.rank)) from match_results m where m.request_id = e.request_id), '[]') as ranking
      from engagements e
      where e.request_id in (select id from (${REQUESTS(p)}) r) and e.provider_id in (${MEMBERS(p.allianceId)})`);
  }

  async engagements(p: Period) {
    return this.db.execute<{ id: string; status: string; ever_disputed: boolean; rating: number | null }>(sql`
      select e.id, e.status, e.dispute_status is not null as ever_disputed, e.rating from engagements e
      where e.request_id in (select id from (${REQUESTS(p)}) r) and e.provider_id in (${MEMBERS(p.allianceId)})`);
  }

  /** Demand: requests from enterprises in the alliance's districts, published in the period. */
  async demand(p: Period) {
    return this.db.execute<{ countries: string[]; category: string }>(sql`
      select r.countries, r.category from service_requests r join enterprises en on en.id = r.enterprise_id
      where r.published_at >= ${at(p.from)} and r.published_at < ${at(p.to)}
        and exists (select 1 from alliances a where a.id = ${p.allianceId} and en.district = any(a.districts))`);
  }

  async vettedCoverage(allianceId: string, now: Date) {
    return this.db.execute<{ provider_id: string; countries: string[]; categories: string[] }>(sql`
      select pr.id as provider_id, pr.countries, pr.categories from providers pr
      join alliance_memberships m on m.provider_id = pr.id
      where m.alliance_id = ${allianceId} and m.status = 'active' and m.vetted_until > ${at(now)}`);
  }

  async verdicts(p: Period) {
    const [row] = await this.db.execute<{ good: number; poor: number }>(sql`
      select count(*) filter (where verdict = 'good')::int as good, count(*) filter (where verdict = 'poor')::int as poor
      from match_reviews where reviewer_org = ${p.allianceId} and reviewed_at >= ${at(p.from)} and reviewed_at < ${at(p.to)}`);
    return row!;
  }

  /** Per calendar month (UTC): the funnel's counts for the alliance's members. */
  async trend(p: Period) {
    return this.db.execute<{ month: string; requests: number; invitations: number; bids: number; awards: number; completed: number }>(sql`
      with months as (select to_char(date_trunc('month', published_at), 'YYYY-MM') as month, id from (${REQUESTS(p)}) r),
      members as (${MEMBERS(p.allianceId)})
      select m.month,
             count(distinct m.id)::int as requests,
             (select count(*) from invitations i join months mm on mm.id = i.request_id where mm.month = m.month and i.provider_id in (select provider_id from members))::int as invitations,
             (select count(*) from bids b join months mm on mm.id = b.request_id where mm.month = m.month and b.provider_id in (select provider_id from members))::int as bids,
             (select count(*) from engagements e join months mm on mm.id = e.request_id where mm.month = m.month and e.provider_id in (select provider_id from members))::int as awards,
             (select count(*) from engagements e join months mm on mm.id = e.request_id where mm.month = m.month and e.status = 'completed' and e.provider_id in (select provider_id from members))::int as completed
      from months m group by m.month order by m.month`);
  }

  /** For replays: awarded requests in the period (won by the alliance's members, if given) with their stored candidates. */
  async replayHistory(from: Date, to: Date, allianceId: string | null) {
    return this.db.execute<{
      request_id: string;
      awarded: string;
      candidates: { providerId: string; rank: number; factors: { name: string; value: number }[] }[] | null;
    }>(sql`
      select e.request_id, e.provider_id as awarded,
             (select jsonb_agg(jsonb_build_object('providerId', m.provider_id, 'rank', m.rank, 'factors', m.factors)) from match_results m where m.request_id = e.request_id) as candidates
      from engagements e join service_requests r on r.id = e.request_id
      where r.published_at >= ${at(from)} and r.published_at < ${at(to)}
        ${allianceId ? sql`and e.provider_id in (${MEMBERS(allianceId)})` : sql``}`);
  }
}
