import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { providers } from './providers.js';

export const PAYMENT_METHODS = ['stripe', 'bank_transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'partially_refunded', 'refunded', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * The enterprise's payment of its share, one per engagement. `received` and `refunded` are
 * cumulative totals that only grow (libs/engagement-flow), so a repeated or late report of the
 * same money changes nothing.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id').notNull().unique(),
    method: text('method').$type<PaymentMethod>().notNull(),
    status: text('status').$type<PaymentStatus>().notNull().default('pending'),
    currency: text('currency').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    received: bigint('received', { mode: 'number' }).notNull().default(0),
    refunded: bigint('refunded', { mode: 'number' }).notNull().default(0),
    failed: boolean('failed').notNull().default(false),
    reference: text('reference').unique(),
    stripePaymentIntentId: text('stripe_payment_intent_id').unique(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('payments_method', sql`${t.method} in ('stripe', 'bank_transfer')`),
    check('payments_status', sql`${t.status} in ('pending', 'succeeded', 'partially_refunded', 'refunded', 'failed')`),
    check('payments_amounts', sql`${t.amount} >= 0 and ${t.received} >= 0 and ${t.refunded} >= 0 and ${t.refunded} <= greatest(${t.received}, ${t.amount})`),
    check('payments_bank_reference', sql`${t.method} <> 'bank_transfer' or ${t.reference} is not null`),
  ],
);

export const PAYMENT_EVENT_KINDS = ['received', 'refunded', 'failed', 'dispute_opened', 'dispute_won', 'dispute_lost'] as const;
export type PaymentEventKind = (typeof PAYMENT_EVENT_KINDS)[number];

/**
 * Every payment, refund and dispute as a row reconciliation reads. `externalId` (a Stripe
 * object or event id, or the bank confirmation) is unique, so each fact is recorded once.
 */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    engagementId: uuid('engagement_id').notNull(),
    kind: text('kind').$type<PaymentEventKind>().notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    externalId: text('external_id').notNull().unique(),
    source: text('source').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('payment_events_engagement_idx').on(t.engagementId)],
);

/** Stripe events as received, stored once by id and applied once by the webhooks queue. */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  payload: jsonb('payload').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  appliedAt: timestamp('applied_at', { withTimezone: true, precision: 3 }),
  outcome: text('outcome'),
});

/** A provider's Stripe Connect account. */
export const payoutAccounts = pgTable('payout_accounts', {
  providerId: uuid('provider_id')
    .primaryKey()
    .references(() => providers.id),
  stripeAccountId: text('stripe_account_id').notNull().unique(),
  chargesEnabled: boolean('charges_enabled').notNull().default(false),
  payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentEventRow = typeof paymentEvents.$inferSelect;
export type PayoutAccountRow = typeof payoutAccounts.$inferSelect;
