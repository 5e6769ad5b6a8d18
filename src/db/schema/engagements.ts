import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bids } from './bids.js';
import { providers } from './providers.js';
import { serviceRequests } from './requests.js';

export const ENGAGEMENT_STATUSES = ['awaiting_payment', 'in_progress', 'delivered', 'completed', 'disputed', 'cancelled'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/** What an award creates: the purchase that payments, delivery, disputes and subsidy claims follow. */
export const engagements = pgTable(
  'engagements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // One engagement per request: the last line of defence against a double award.
    requestId: uuid('request_id')
      .notNull()
      .unique()
      .references(() => serviceRequests.id),
    bidId: uuid('bid_id')
      .notNull()
      .unique()
      .references(() => bids.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    enterpriseId: uuid('enterprise_id').notNull(),
    currency: text('currency').notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    subsidy: bigint('subsidy', { mode: 'number' }),
    // Who redeems the subsidy: the provider (the enterprise pays price − subsidy) or the
    // enterprise itself (it pays the full price and is reimbursed).
    subsidyPayee: text('subsidy_payee').$type<'provider' | 'enterprise'>(),
    enterpriseShare: bigint('enterprise_share', { mode: 'number' }).notNull(),
    status: text('status').$type<EngagementStatus>().notNull().default('awaiting_payment'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
    invoiceNumber: text('invoice_number'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, precision: 3 }),
    // Not accepted SUBSIDY_ACCEPTANCE_DAYS after the award: the subsidy went back to the programme (issue 26).
    subsidyLapsedAt: timestamp('subsidy_lapsed_at', { withTimezone: true, precision: 3 }),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true, precision: 3 }),
    // A dispute remembers where the engagement was, to return there if the provider wins it.
    disputeStatus: text('dispute_status').$type<'open' | 'won' | 'lost'>(),
    disputeReason: text('dispute_reason'),
    disputedBy: text('disputed_by'),
    statusBeforeDispute: text('status_before_dispute').$type<EngagementStatus>(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // Each party's engagements, newest first (GET /v1/engagements, migration 0210).
    index('engagements_enterprise_idx').on(t.enterpriseId, t.createdAt, t.id),
    index('engagements_provider_idx').on(t.providerId, t.createdAt, t.id),
    index('engagements_subsidy_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.subsidy} is not null and ${t.acceptedAt} is null and ${t.subsidyLapsedAt} is null`),
    check('engagements_rating', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check('engagements_status', sql`${t.status} in ('awaiting_payment', 'in_progress', 'delivered', 'completed', 'disputed', 'cancelled')`),
    check('engagements_subsidy_payee', sql`(${t.subsidy} is null) = (${t.subsidyPayee} is null)`),
    check(
      'engagements_share',
      sql`${t.enterpriseShare} = ${t.price} - (case when ${t.subsidyPayee} = 'provider' then ${t.subsidy} else 0 end) and ${t.enterpriseShare} >= 0`,
    ),
  ],
);

export type EngagementRow = typeof engagements.$inferSelect;
