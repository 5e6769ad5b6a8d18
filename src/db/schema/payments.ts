import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
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
    // Paid milestone by milestone into escrow (issue 26) rather than as a whole.
    byMilestones: boolean('by_milestones').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // The engagements paid by milestones, behind which reconciliation looks for fapiao (migration 0340).
    index('payments_by_milestones_idx')
      .on(t.engagementId)
      .where(sql`${t.byMilestones}`),
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

export const MILESTONE_STATUSES = ['pending', 'funded', 'delivered', 'released', 'disputed', 'refunded', 'settled'] as const;
export type MilestoneStatusColumn = (typeof MILESTONE_STATUSES)[number];

/**
 * The unit of money (issue 26): the bid's milestones, copied at award. `due` is what the
 * enterprise pays into escrow for it; `released` and `refunded` are what left escrow, once.
 */
export const engagementMilestones = pgTable(
  'engagement_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id').notNull(),
    n: integer('n').notNull(),
    title: text('title').notNull(),
    currency: text('currency').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    due: bigint('due', { mode: 'number' }).notNull(),
    status: text('status').$type<MilestoneStatusColumn>().notNull().default('pending'),
    rail: text('rail').$type<PaymentMethod>(),
    stripePaymentIntentId: text('stripe_payment_intent_id').unique(),
    stripeChargeId: text('stripe_charge_id'),
    stripeTransferId: text('stripe_transfer_id'),
    released: bigint('released', { mode: 'number' }).notNull().default(0),
    refunded: bigint('refunded', { mode: 'number' }).notNull().default(0),
    fundedAt: timestamp('funded_at', { withTimezone: true, precision: 3 }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
    autoReleaseAt: timestamp('auto_release_at', { withTimezone: true, precision: 3 }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true, precision: 3 }),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('engagement_milestones_n').on(t.engagementId, t.n),
    index('engagement_milestones_auto_release_idx')
      .on(t.autoReleaseAt)
      .where(sql`${t.status} = 'delivered'`),
    check(
      'engagement_milestones_amounts',
      sql`${t.amount} >= 0 and ${t.due} >= 0 and ${t.released} >= 0 and ${t.refunded} >= 0 and ${t.released} + ${t.refunded} <= ${t.due}`,
    ),
  ],
);

/** The escrow ledger per engagement (libs/escrow): each move once by its key; balances are sums. */
export const escrowMoves = pgTable(
  'escrow_moves',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    engagementId: uuid('engagement_id').notNull(),
    milestoneN: integer('milestone_n').notNull(),
    fromAccount: text('from_account').notNull(),
    toAccount: text('to_account').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('escrow_moves_engagement_idx').on(t.engagementId), check('escrow_moves_amount', sql`${t.amount} > 0`)],
);

export const MILESTONE_DISPUTE_STATUSES = ['open', 'proposed', 'settled'] as const;

/** One dispute per milestone: a mediator's proposal splits what is held; both accept or the mediator decides. */
export const milestoneDisputes = pgTable(
  'milestone_disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id').notNull(),
    milestoneN: integer('milestone_n').notNull(),
    openedBy: text('opened_by').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<(typeof MILESTONE_DISPUTE_STATUSES)[number]>().notNull().default('open'),
    release: bigint('release', { mode: 'number' }),
    refund: bigint('refund', { mode: 'number' }),
    proposedBy: text('proposed_by'),
    proposedAt: timestamp('proposed_at', { withTimezone: true, precision: 3 }),
    enterpriseAcceptedAt: timestamp('enterprise_accepted_at', { withTimezone: true, precision: 3 }),
    providerAcceptedAt: timestamp('provider_accepted_at', { withTimezone: true, precision: 3 }),
    settledHow: text('settled_how'),
    settledAt: timestamp('settled_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('milestone_disputes_one').on(t.engagementId, t.milestoneN)],
);

/** Where a provider is paid by bank: recorded once by the provider, copied into each payout. */
export const providerBankAccounts = pgTable('provider_bank_accounts', {
  providerId: uuid('provider_id')
    .primaryKey()
    .references(() => providers.id),
  bank: text('bank').notNull(),
  accountName: text('account_name').notNull(),
  accountNumber: text('account_number').notNull(),
  cnaps: text('cnaps'),
  swift: text('swift'),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** Lines of the custodian bank's statement, each once by the bank's transaction id. */
export const custodianStatementLines = pgTable('custodian_statement_lines', {
  bankTxnId: text('bank_txn_id').primaryKey(),
  bookedOn: date('booked_on').notNull(),
  reference: text('reference').notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  payerName: text('payer_name').notNull(),
  payerAccount: text('payer_account').notNull(),
  matchedEngagementId: uuid('matched_engagement_id'),
  matchedMilestoneN: integer('matched_milestone_n'),
  importedAt: timestamp('imported_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** A bank payout (to the provider) or refund (to the enterprise) from the custodian account, filed into a batch file. */
export const payoutInstructions = pgTable(
  'payout_instructions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id').notNull(),
    milestoneN: integer('milestone_n').notNull(),
    kind: text('kind').$type<'payout' | 'refund'>().notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    // A refund goes back to the account it came from (the statement line); a payout's payee is read at batch time.
    payee: jsonb('payee').$type<{ name: string; bank: string; accountNumber: string; cnaps: string | null; swift: string | null }>(),
    batchId: uuid('batch_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('payout_instructions_once').on(t.engagementId, t.milestoneN, t.kind),
    index('payout_instructions_unbatched_idx')
      .on(t.createdAt)
      .where(sql`${t.batchId} is null`),
  ],
);

export const payoutBatches = pgTable('payout_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  lines: integer('lines').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export type MilestoneRow = typeof engagementMilestones.$inferSelect;
export type MilestoneDisputeRow = typeof milestoneDisputes.$inferSelect;
export type ProviderBankAccountRow = typeof providerBankAccounts.$inferSelect;
export type PayoutInstructionRow = typeof payoutInstructions.$inferSelect;

export const FAPIAO_TYPES = ['全电发票', '专票', '普票'] as const;
export type FapiaoType = (typeof FAPIAO_TYPES)[number];

/** The fapiao the provider issued for a released milestone: what a district's auditor checks a subsidy against. */
export const fapiaoRecords = pgTable(
  'fapiao_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id').notNull(),
    milestoneN: integer('milestone_n').notNull(),
    type: text('type').$type<FapiaoType>().notNull(),
    number: text('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    buyerTaxId: text('buyer_tax_id').notNull(),
    amountWithTax: bigint('amount_with_tax', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    taxRate: text('tax_rate').notNull(),
    // The files it was recorded with (the fapiao's PDF or OFD), attached to the engagement as `fapiao`.
    fileIds: uuid('file_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // A number may be recorded twice (that is what reconciliation flags); a milestone has one fapiao.
  (t) => [unique('fapiao_records_milestone').on(t.engagementId, t.milestoneN), index('fapiao_records_number_idx').on(t.number)],
);

export type FapiaoRow = typeof fapiaoRecords.$inferSelect;
