import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { alliances } from './alliances.js';
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

export const PROPOSAL_STATUSES = ['proposed', 'applied', 'rolled_back', 'superseded', 'insufficient'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Weights the learning job proposed for an alliance from its own awards, or why it proposed none. */
export const matchWeightProposals = pgTable(
  'match_weight_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    status: text('status').$type<ProposalStatus>().notNull(),
    weights: jsonb('weights').$type<Record<string, number>>(),
    previousWeights: jsonb('previous_weights').$type<Record<string, number>>(),
    awards: integer('awards').notNull(),
    trainedOn: integer('trained_on').notNull(),
    heldOut: integer('held_out').notNull(),
    metrics: jsonb('metrics').$type<ProposalMetrics>(),
    holdsUp: boolean('holds_up').notNull().default(false),
    reason: text('reason'),
    halfLifeDays: doublePrecision('half_life_days').notNull(),
    latestAwardAt: timestamp('latest_award_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true, precision: 3 }),
    appliedBy: text('applied_by'),
    rolledBackAt: timestamp('rolled_back_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('match_weight_proposals_alliance_idx').on(t.allianceId, t.createdAt)],
);

export interface ProposalMetrics {
  current: { ndcgAt10: number | null; mrr: number | null };
  proposed: { ndcgAt10: number | null; mrr: number | null };
}

/** Per alliance: whether a proposal that holds up on the hold-out is applied without a manager. */
export const matchWeightLearning = pgTable('match_weight_learning', {
  allianceId: uuid('alliance_id')
    .primaryKey()
    .references(() => alliances.id),
  autoApply: boolean('auto_apply').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export type MatchWeightProposalRow = typeof matchWeightProposals.$inferSelect;
