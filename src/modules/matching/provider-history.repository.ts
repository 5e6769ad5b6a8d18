import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database.js';

/** What the marketplace has learnt about one provider, as of a moment: the history factors' inputs. */
export interface ProviderHistory {
  ratingCount: number;
  ratingSum: number;
  engagementsClosed: number;
  engagementsCompleted: number;
  invitationsReceived: number;
  invitationsBid: number;
  medianHoursToFirstBid: number | null;
  completedInTargetCountries: number;
}

export const NO_HISTORY: Readonly<ProviderHistory> = Object.freeze({
  ratingCount: 0,
  ratingSum: 0,
  engagementsClosed: 0,
  engagementsCompleted: 0,
  invitationsReceived: 0,
  invitationsBid: 0,
  medianHoursToFirstBid: null,
  completedInTargetCountries: 0,
});

/** Timestamps go in as ISO text: the drizzle-wrapped client does not serialise Date parameters of raw SQL. */
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * The history of every candidate of a matching run in two set-based queries, read straight from
 * the engagements, payments, invitations and bids tables (read-only, like the quality read model).
 * No stats table: both queries walk the per-provider indexes of the candidates only, a few
 * thousand rows per run (see the README's bench), and reading the source rows keeps "as of" exact
 * — a replay, the evaluator and a late rating all see the history as it stood at `asOf`.
 *
 * Closed: completed or cancelled (a lost dispute ends cancelled). Completed: completed and not
 * refunded in full. Both queries run on the caller's handle: inside publish that is its transaction.
 */
@Injectable()
export class ProviderHistoryRepository {
  async historyOf(tx: DbOrTx, providerIds: readonly string[], targetCountries: readonly string[], asOf: Date): Promise<Map<string, ProviderHistory>> {
    const result = new Map<string, ProviderHistory>();
    if (providerIds.length === 0) return result;
    const ids = sql`${sql.param([...providerIds])}::uuid[]`;
    const [delivered, responded] = [
      await tx.execute<{ provider_id: string; rating_count: number; rating_sum: number; closed: number; completed: number; in_countries: number }>(sql`
        select e.provider_id,
               count(e.rating) filter (where e.rated_at <= ${at(asOf)})::int as rating_count,
               coalesce(sum(e.rating) filter (where e.rated_at <= ${at(asOf)}), 0)::int as rating_sum,
               count(*) filter (where e.status in ('completed', 'cancelled'))::int as closed,
               count(*) filter (where e.status = 'completed' and p.status is distinct from 'refunded')::int as completed,
               count(*) filter (where e.status = 'completed' and p.status is distinct from 'refunded'
                                  and r.countries && ${sql.param([...targetCountries])}::text[])::int as in_countries
        from engagements e
        join service_requests r on r.id = e.request_id
        left join payments p on p.engagement_id = e.id
        where e.provider_id = any(${ids}) and e.created_at <= ${at(asOf)}
        group by e.provider_id`),
      // Time to bid counts from the invitation to the provider's first bid on that request.
      await tx.execute<{ provider_id: string; invited: number; bid: number; median_hours: number | null }>(sql`
        select i.provider_id, count(*)::int as invited, count(b.first_at)::int as bid,
               percentile_cont(0.5) within group (order by extract(epoch from b.first_at - i.invited_at) / 3600) as median_hours
        from invitations i
        left join lateral (
          select min(b.created_at) as first_at from bids b
          where b.request_id = i.request_id and b.provider_id = i.provider_id and b.created_at <= ${at(asOf)}
        ) b on true
        where i.provider_id = any(${ids}) and i.invited_at <= ${at(asOf)}
        group by i.provider_id`),
    ];
    const entry = (id: string) => {
      let history = result.get(id);
      if (!history) result.set(id, (history = { ...NO_HISTORY }));
      return history;
    };
    for (const row of delivered) {
      Object.assign(entry(row.provider_id), {
        ratingCount: row.rating_count,
        ratingSum: row.rating_sum,
        engagementsClosed: row.closed,
        engagementsCompleted: row.completed,
        completedInTargetCountries: row.in_countries,
      });
    }
    for (const row of responded) {
      Object.assign(entry(row.provider_id), {
        invitationsReceived: row.invited,
        invitationsBid: row.bid,
        // A bid before the invitation (the provider found the request first) counts as instant.
        medianHoursToFirstBid: row.median_hours === null ? null : Math.max(0, Number(row.median_hours)),
      });
    }
    return result;
  }
}
