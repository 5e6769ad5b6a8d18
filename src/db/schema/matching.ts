import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** The inbox's handle on it (migration 0210). */
    id: uuid('id').notNull().defaultRandom(),
    /** Who chose the provider: the matching run, or the enterprise itself. */
    source: text('source').$type<InvitationSource>().notNull().default('matching'),
    declinedAt: timestamp('declined_at', { withTimezone: true, precision: 3 }),
    declineReason: text('decline_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.providerId] }),
    uniqueIndex('invitations_id_idx').on(t.id),
    // The inbox pages by (invited_at, id); fair exposure reads the same range per provider.
    index('invitations_provider_idx').on(t.providerId, t.invitedAt, t.id),
    check('invitations_source', sql`${t.source} in ('matching', 'enterprise')`),
    check('invitations_declined', sql`(${t.declinedAt} is null) = (${t.declineReason} is null)`),
  ],
);

export type InvitationSource = 'matching' | 'enterprise';
export type InvitationRow = typeof invitations.$inferSelect;

export type MatchResultRow = typeof matchResults.$inferSelect;
