import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';

export interface PastWork {
  /** One completed engagement per rating, rated that many stars. */
  ratings: number[];
  country: string;
  category?: string;
  /** Hours from invitation to bid on each of those requests. */
  hoursToBid?: number;
  daysAgo?: number;
}

/**
 * A provider's past engagements written straight to the tables as the engagement flow leaves
 * them (request awarded, invitation, awarded bid, completed and rated engagement), for building
 * long records quickly. One real flow end to end is in matching-history.e2e-spec.ts.
 */
export async function recordPastWork(db: Database, enterpriseId: string, providerId: string, work: PastWork): Promise<void> {
  const { ratings, country, category = 'legal', hoursToBid = 6, daysAgo = 60 } = work;
  for (const [i, rating] of ratings.entries()) {
    const requestId = randomUUID();
    const bidId = randomUUID();
    const invitedAt = new Date(Date.now() - (daysAgo + i) * 86_400_000);
    const bidAt = new Date(invitedAt.getTime() + hoursToBid * 3_600_000);
    const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;
    await db.execute(sql`
      with r as (
        insert into service_requests (id, enterprise_id, title, description, category, services, countries, sector, languages, currency, budget_min, budget_max, bidding_closes_at, status, published_at, created_at)
        values (${requestId}, ${enterpriseId}, 'Past work', 'Past work', ${category}, array['odi_filing'], array[${country}], '38', array['zh-CN'], 'CNY', 1, 10000000, ${iso(bidAt)}, 'awarded', ${iso(invitedAt)}, ${iso(invitedAt)})
        returning id
      ), i as (
        insert into invitations (request_id, provider_id, invited_at) select id, ${providerId}, ${iso(invitedAt)} from r
      ), b as (
        insert into bids (id, request_id, provider_id, currency, price, timeline_days, proposal, milestones, status, created_at)
        select ${bidId}, id, ${providerId}, 'CNY', 5000000, 30, 'Past work', '[]'::jsonb, 'awarded', ${iso(bidAt)} from r
        returning id, request_id
      )
      insert into engagements (request_id, bid_id, provider_id, enterprise_id, currency, price, enterprise_share, status, rating, rated_at, created_at)
      select b.request_id, b.id, ${providerId}, ${enterpriseId}, 'CNY', 5000000, 5000000, 'completed', ${rating}, ${iso(bidAt)}, ${iso(bidAt)} from b`);
  }
}

/** `count` ratings averaging `mean` to one decimal: 40 at 4.8 is 32 fives and 8 fours. */
export function ratingsAveraging(mean: number, count: number): number[] {
  const total = Math.round(mean * count);
  const base = Math.floor(total / count);
  const extra = total - base * count;
  return Array.from({ length: count }, (_, i) => (i < extra ? base + 1 : base));
}
