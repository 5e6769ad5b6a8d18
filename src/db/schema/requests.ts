import { sql } from 'drizzle-orm';
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { enterprises } from './enterprises.js';
import { providers } from './providers.js';

export const REQUEST_STATUSES = ['draft', 'open', 'awarded', 'cancelled', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const serviceRequests = pgTable(
  'service_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    services: text('services').array().notNull(),
    countries: text('countries').array().notNull(),
    sector: text('sector').notNull(),
    languages: text('languages').array().notNull(),
    currency: text('currency').notNull(),
    budgetMin: bigint('budget_min', { mode: 'number' }).notNull(),
    budgetMax: bigint('budget_max', { mode: 'number' }).notNull(),
    biddingClosesAt: timestamp('bidding_closes_at', { withTimezone: true, precision: 3 }).notNull(),
    status: text('status').$type<RequestStatus>().notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('service_requests_enterprise_idx').on(t.enterpriseId, t.createdAt),
    check('service_requests_status', sql`${t.status} in ('draft', 'open', 'awarded', 'cancelled', 'expired')`),
    check('service_requests_budget', sql`0 <= ${t.budgetMin} and ${t.budgetMin} <= ${t.budgetMax}`),
  ],
);

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

export type ServiceRequestRow = typeof serviceRequests.$inferSelect;
export type MatchResultRow = typeof matchResults.$inferSelect;
