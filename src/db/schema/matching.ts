import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { providers } from './providers.js';
import { serviceRequests } from './requests.js';

/** The engine's ranking for a request, kept so quality metrics and replays can compare it with the award. */
export const matchResults = pgTable(
  'match_results',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    rank: integer('rank').notNull(),
    score: doublePrecision('score').notNull(),
    factors: jsonb('factors').notNull(),
    reasons: jsonb('reasons').notNull(),
    invited: boolean('invited').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.providerId] }), index('match_results_rank_idx').on(t.requestId, t.rank)],
);

/**
 * A closed request whose ranking was pruned by the retention sweep: how many candidates the engine
 * ranked (what `match_results` no longer holds in full) and how many rows went.
 */
export const matchResultArchives = pgTable('match_result_archives', {
  requestId: uuid('request_id')
    .primaryKey()
    .references(() => serviceRequests.id),
  candidates: integer('candidates').notNull(),
  pruned: integer('pruned').notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** Who was invited to which request and when: the history fair exposure counts. */
export const invitations = pgTable(
  'invitations',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    invitedAt: timestamp('invited_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.providerId] }), index('invitations_provider_idx').on(t.providerId, t.invitedAt)],
);

export type MatchResultRow = typeof matchResults.$inferSelect;
