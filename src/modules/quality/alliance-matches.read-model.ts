import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';

export type AllianceMatchRow = {
  request_id: string;
  request_title: string;
  request_status: string;
  category: string;
  countries: string[];
  published_at: string | null;
  candidates: number;
  provider_id: string;
  provider_name: string;
  rank: number;
  score: number;
  factors: { name: string; value: number; weight: number; contribution: number }[];
  reasons: { factor: string; zh: string; en: string }[];
  invited: boolean;
  created_at: string;
  verdict: 'good' | 'poor' | null;
  review_reason: string | null;
  reviewed_at: string | null;
};

export interface AllianceMatchKey {
  createdAt: string;
  requestId: string;
  rank: number;
}

/**
 * The rankings the alliance's members appeared in, newest request first and by rank within a
 * request, with the alliance's own verdict on each. Read-only, like the quality read model.
 */
@Injectable()
export class AllianceMatchesReadModel {
  constructor(@Inject(DB) private readonly db: Database) {}

  async list(allianceId: string, filter: { requestId?: string; after?: AllianceMatchKey }, limit: number): Promise<AllianceMatchRow[]> {
    const a = filter.after;
    const after = a
      ? sql`and (m.created_at < ${a.createdAt}::timestamptz
            or (m.created_at = ${a.createdAt}::timestamptz and m.request_id < ${a.requestId}::uuid)
            or (m.created_at = ${a.createdAt}::timestamptz and m.request_id = ${a.requestId}::uuid and m.rank > ${a.rank}))`
      : sql``;
    const rows = await this.db.execute<Omit<AllianceMatchRow, 'candidates'> & { candidates: string }>(sql`
      select m.request_id, r.title as request_title, r.status as request_status, r.category, r.countries, r.published_at,
        coalesce((select a.candidates from match_result_archives a where a.request_id = m.request_id), (select count(*) from match_results x where x.request_id = m.request_id))::text as candidates,
        m.provider_id, p.name as provider_name, m.rank, m.score, m.factors, m.reasons, m.invited, m.created_at,
        v.verdict, v.reason as review_reason, v.reviewed_at
      from match_results m
      join alliance_memberships am on am.provider_id = m.provider_id and am.alliance_id = ${allianceId}::uuid
      join service_requests r on r.id = m.request_id
      join providers p on p.id = m.provider_id
      left join match_reviews v on v.request_id = m.request_id and v.provider_id = m.provider_id and v.reviewer_org = ${allianceId}
      where true ${filter.requestId ? sql`and m.request_id = ${filter.requestId}::uuid` : sql``} ${after}
      order by m.created_at desc, m.request_id desc, m.rank asc
      limit ${limit + 1}`);
    return rows.map((r) => ({ ...r, candidates: Number(r.candidates) }));
  }

  /** Whether the provider was ranked for the request, and whether it is a member of the alliance `allianceId`; null if not ranked. */
  async rankedMember(allianceId: string, requestId: string, providerId: string): Promise<{ member: boolean } | null> {
    const [row] = await this.db.execute<{ member: boolean }>(sql`
      select exists (select 1 from alliance_memberships am where am.alliance_id::text = ${allianceId} and am.provider_id = ${providerId}) as member
      from match_results m where m.request_id = ${requestId} and m.provider_id = ${providerId}`);
    return row ?? null;
  }
}
