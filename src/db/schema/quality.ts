import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** An alliance manager's verdict on one match: was this provider a good suggestion for this request? */
export const matchReviews = pgTable(
  'match_reviews',
  {
    requestId: uuid('request_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    reviewerOrg: text('reviewer_org').notNull(),
    reviewerSub: text('reviewer_sub').notNull(),
    verdict: text('verdict').$type<'good' | 'poor'>().notNull(),
    reason: text('reason').notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // One verdict per reviewer organisation and match; a new one replaces it.
    primaryKey({ columns: [t.requestId, t.providerId, t.reviewerOrg] }),
    index('match_reviews_reviewer_idx').on(t.reviewerOrg, t.reviewedAt),
    check('match_reviews_verdict', sql`${t.verdict} in ('good', 'poor')`),
  ],
);

/** A replay of past awarded requests under proposed weights, run by the `quality` queue. */
export const qualityReplays = pgTable('quality_replays', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestedBy: text('requested_by').notNull(),
  allianceId: uuid('alliance_id'),
  weights: jsonb('weights').notNull(),
  // Asked for weights tuned from outcomes (WeightTuner) instead of giving weights; once run,
  // `weights` holds the tuned ones.
  tuned: boolean('tuned').notNull().default(false),
  from: timestamp('from', { withTimezone: true, precision: 3 }).notNull(),
  to: timestamp('to', { withTimezone: true, precision: 3 }).notNull(),
  status: text('status').$type<'queued' | 'completed' | 'failed'>().notNull().default('queued'),
  result: jsonb('result'),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
});

export type QualityReplayRow = typeof qualityReplays.$inferSelect;
