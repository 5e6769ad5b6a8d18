import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database.js';

export interface AwardedOutcome {
  requestId: string;
  publishedAt: Date;
  awardedProviderId: string;
  candidates: { providerId: string; factors: Record<string, number> }[];
}

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * The outcomes weights are tuned on: requests published in the period whose award went to a
 * provider the enterprise then rated 4 or 5 (awarded and well rated), each with the candidates
 * and factor values the engine stored for it. Limited to an alliance's active members' awards
 * when given. Read-only over the requests, engagements and match results tables.
 */
@Injectable()
export class OutcomeHistoryRepository {
  async awardedWellRated(db: DbOrTx, from: Date, to: Date, allianceId: string | null): Promise<AwardedOutcome[]> {
    const rows = await db.execute<{
      request_id: string;
      published_at: string;
      awarded: string;
      candidates: { providerId: string; factors: { name: string; value: number }[] }[] | null;
    }>(sql`
      select e.request_id, r.published_at, e.provider_id as awarded,
             (select jsonb_agg(jsonb_build_object('providerId', m.provider_id, 'factors', m.factors)) from match_results m where m.request_id = e.request_id) as candidates
      from engagements e join service_requests r on r.id = e.request_id
      where r.published_at >= ${at(from)} and r.published_at < ${at(to)} and e.rating >= 4
        ${allianceId ? sql`and e.provider_id in (select provider_id from alliance_memberships where alliance_id = ${allianceId} and status = 'active')` : sql``}`);
    return rows
      .filter((row) => row.candidates !== null)
      .map((row) => ({
        requestId: row.request_id,
        publishedAt: new Date(row.published_at),
        awardedProviderId: row.awarded,
        candidates: row.candidates!.map((c) => ({ providerId: c.providerId, factors: Object.fromEntries(c.factors.map((f) => [f.name, f.value])) })),
      }));
  }
}
