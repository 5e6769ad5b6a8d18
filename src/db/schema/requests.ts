import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { enterprises } from './enterprises.js';

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
    index('service_requests_enterprise_idx').on(t.enterpriseId, t.createdAt, t.id),
    // The expiry sweep's open requests past their deadline (migration 0360).
    index('service_requests_open_deadline_idx')
      .on(t.biddingClosesAt)
      .where(sql`${t.status} = 'open'`),
    check('service_requests_status', sql`${t.status} in ('draft', 'open', 'awarded', 'cancelled', 'expired')`),
    check('service_requests_budget', sql`0 <= ${t.budgetMin} and ${t.budgetMin} <= ${t.budgetMax}`),
  ],
);

export type ServiceRequestRow = typeof serviceRequests.$inferSelect;

/**
 * Providers an enterprise excluded from one of its requests (issue 25): matching skips them and
 * the enterprise cannot invite them while the exclusion stands. Audited as `request.provider_excluded`.
 */
export const requestExclusions = pgTable(
  'request_exclusions',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    providerId: uuid('provider_id').notNull(),
    reason: text('reason').notNull(),
    excludedAt: timestamp('excluded_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.providerId] })],
);

export type RequestExclusionRow = typeof requestExclusions.$inferSelect;
