import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { NO_HISTORY as NO_SCORED_HISTORY, type HistoryFacts } from '../../../libs/scoring/index.js';
import type { DbOrTx } from '../../db/database.js';

/** What the marketplace has learnt about one provider: the history factors' inputs, and its load. */
export interface ProviderHistory extends HistoryFacts {
  /** Engagements awaiting payment, in progress, delivered or disputed: what capacity is measured against. */
  openEngagements: number;
}

export const NO_HISTORY: Readonly<ProviderHistory> = Object.freeze({ ...NO_SCORED_HISTORY, openEngagements: 0 });

/**
 * The history of every candidate of a matching run in one query over the `provider_stats` read
 * model (migration 0080): one row per provider, recomputed from the engagements, payments,
 * invitations and bids by triggers in the transaction of every write to them, so the figures are
 * those of the source rows as committed now. Track record sums the provider's completions by the
 * countries their requests targeted (`provider_country_completions`), an engagement counting once
 * however many of the request's countries it shares. Runs on the caller's handle: inside publish,
 * its transaction.
 */
@Injectable()
export class ProviderHistoryRepository {
  async historyOf(tx: DbOrTx, providerIds: readonly string[], targetCountries: readonly string[]): Promise<Map<string, ProviderHistory>> {
    const result = new Map<string, ProviderHistory>();
    if (providerIds.length === 0) return result;
    const rows = await tx.execute<{
      provider_id: string;
      rating_count: number;
      rating_sum: number;
      engagements_closed: number;
      engagements_completed: number;
      engagements_open: number;
      engagements_won: number;
      bids_placed: number;
      invitations_received: number;
      invitations_bid: number;
      median_hours_to_first_bid: number | null;
      in_countries: number;
    }>(sql`
      select s.provider_id, s.rating_count, s.rating_sum, s.engagements_closed, s.engagements_completed, s.engagements_open, s.engagements_won, s.bids_placed,
             s.invitations_received, s.invitations_bid, s.median_hours_to_first_bid,
             coalesce((select sum(c.completed) from provider_country_completions c
                       where c.provider_id = s.provider_id and c.countries && ${sql.param([...targetCountries])}::text[]), 0)::int as in_countries
      from provider_stats s
      where s.provider_id = any(${sql.param([...providerIds])}::uuid[])`);
    for (const row of rows) {
      result.set(row.provider_id, {
        ratingCount: row.rating_count,
        ratingSum: row.rating_sum,
        engagementsClosed: row.engagements_closed,
        engagementsCompleted: row.engagements_completed,
        bidsPlaced: row.bids_placed,
        // Every engagement comes from one of its bids; a row written around the application must not stop matching.
        bidsWon: Math.min(row.engagements_won, row.bids_placed),
        invitationsReceived: row.invitations_received,
        invitationsBid: row.invitations_bid,
        // A bid before the invitation (the provider found the request first) counts as instant.
        medianHoursToFirstBid: row.median_hours_to_first_bid === null ? null : Math.max(0, Number(row.median_hours_to_first_bid)),
        completedInTargetCountries: row.in_countries,
        openEngagements: row.engagements_open,
      });
    }
    return result;
  }
}
