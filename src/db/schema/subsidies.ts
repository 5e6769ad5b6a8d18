import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { EligibilityRules } from '../../../libs/eligibility/index.js';
import type { EligibilityFacts } from '../../../libs/subsidy/index.js';
import { enterprises } from './enterprises.js';
import { providers } from './providers.js';

export const PROVIDER_RULES = ['in_district', 'alliance_member', 'any_vetted'] as const;
export const ENTERPRISE_RULES = ['in_district', 'any'] as const;
export const REDEMPTIONS = ['provider', 'enterprise'] as const;
export type Redemption = (typeof REDEMPTIONS)[number];

/** A district's voucher programme. Its terms never change once created (claims rely on them). */
export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    district: text('district').notNull(),
    name: text('name').notNull(),
    policyRef: text('policy_ref').notNull(),
    currency: text('currency').notNull(),
    rateBps: integer('rate_bps').notNull(),
    perVoucherCap: bigint('per_voucher_cap', { mode: 'number' }).notNull(),
    perEnterpriseCap: bigint('per_enterprise_cap', { mode: 'number' }).notNull(),
    budget: bigint('budget', { mode: 'number' }).notNull(),
    categories: text('categories').array().notNull(),
    providerRule: text('provider_rule').$type<(typeof PROVIDER_RULES)[number]>().notNull(),
    enterpriseRule: text('enterprise_rule').$type<(typeof ENTERPRISE_RULES)[number]>().notNull(),
    redemption: text('redemption').$type<Redemption>().notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true, precision: 3 }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true, precision: 3 }).notNull(),
    /** Which enterprises it serves (libs/eligibility); set at creation like every other term. */
    eligibility: jsonb('eligibility').$type<EligibilityRules>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('programs_district_idx').on(t.district, t.createdAt, t.id),
    index('programs_list_idx').on(t.createdAt, t.id),
    check('programs_rate', sql`${t.rateBps} between 1 and 10000`),
    check('programs_amounts', sql`${t.perVoucherCap} > 0 and ${t.perEnterpriseCap} > 0 and ${t.budget} > 0`),
    check('programs_window', sql`${t.validFrom} < ${t.validTo}`),
    check('programs_provider_rule', sql`${t.providerRule} in ('in_district', 'alliance_member', 'any_vetted')`),
    check('programs_enterprise_rule', sql`${t.enterpriseRule} in ('in_district', 'any')`),
    check('programs_redemption', sql`${t.redemption} in ('provider', 'enterprise')`),
  ],
);

export const VOUCHER_STATUSES = ['active', 'used_up', 'revoked', 'expired'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

/**
 * A voucher reserves `faceValue`; awards spend it (`used`). While active, face − used is held in
 * the programme's `reserved`; revocation and expiry release it to `available`.
 */
export const vouchers = pgTable(
  'vouchers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    groupKey: text('group_key').notNull(),
    currency: text('currency').notNull(),
    faceValue: bigint('face_value', { mode: 'number' }).notNull(),
    used: bigint('used', { mode: 'number' }).notNull().default(0),
    status: text('status').$type<VoucherStatus>().notNull().default('active'),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('vouchers_program_idx').on(t.programId, t.createdAt, t.id),
    index('vouchers_enterprise_idx').on(t.enterpriseId, t.createdAt, t.id),
    index('vouchers_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'active'`),
    check('vouchers_status', sql`${t.status} in ('active', 'used_up', 'revoked', 'expired')`),
    check('vouchers_amounts', sql`${t.faceValue} > 0 and ${t.used} >= 0 and ${t.used} <= ${t.faceValue}`),
    check('vouchers_used_up', sql`(${t.status} = 'used_up') = (${t.used} = ${t.faceValue})`),
  ],
);

/**
 * Per programme and enterprise group (same parentUscc): what the group's live vouchers still hold
 * and what it has been granted. Both are bounded by perEnterpriseCap with a conditional update.
 */
export const groupUsage = pgTable(
  'subsidy_group_usage',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    groupKey: text('group_key').notNull(),
    reserved: bigint('reserved', { mode: 'number' }).notNull().default(0),
    granted: bigint('granted', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.programId, t.groupKey] }), check('subsidy_group_usage_non_negative', sql`${t.reserved} >= 0 and ${t.granted} >= 0`)],
);

export const CLAIM_STATUSES = ['committed', 'approved', 'rejected', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/**
 * A subsidised purchase. `claimKey` is unique across every programme of every district, so one
 * purchase is subsidised once whatever programme or redemption mode it went through.
 */
export const subsidyClaims = pgTable(
  'subsidy_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimKey: text('claim_key').notNull(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => vouchers.id),
    // The engagement is created in the same transaction; the engagements module owns that table.
    engagementId: uuid('engagement_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    groupKey: text('group_key').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    currency: text('currency').notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    // What reconciliation approved (the committed amount, or less after a partial refund).
    approvedAmount: bigint('approved_amount', { mode: 'number' }),
    // The provider's invoice, once delivered with one: one invoice is subsidised once, anywhere.
    invoiceKey: text('invoice_key'),
    settlementId: uuid('settlement_id'),
    redemption: text('redemption').$type<Redemption>().notNull(),
    payeeType: text('payee_type').$type<'provider' | 'enterprise'>().notNull(),
    payeeId: uuid('payee_id').notNull(),
    /** The provider facts the award checked (libs/subsidy EligibilityFacts); null on claims made before they were kept. */
    eligibility: jsonb('eligibility').$type<EligibilityFacts>(),
    status: text('status').$type<ClaimStatus>().notNull().default('committed'),
    // A purchase in another currency (issue 26): the rate locked at award and what it gave.
    fxCurrency: text('fx_currency'),
    fxRate: text('fx_rate'),
    fxRateDate: date('fx_rate_date'),
    fxSource: text('fx_source'),
    fxPrice: bigint('fx_price', { mode: 'number' }),
    fxSubsidy: bigint('fx_subsidy', { mode: 'number' }),
    fxMinorFactor: numeric('fx_minor_factor'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('subsidy_claims_claim_key').on(t.claimKey),
    // One engagement carries at most one voucher.
    unique('subsidy_claims_one_per_engagement').on(t.engagementId),
    // Reconciliation walks a programme's claims in creation order (their rows' order), batch
    // after batch. Status is not indexed, so deciding a claim is a HOT update (migration 0050), with
    // room on every page for all its claims decided (fillfactor 45, migration 0350).
    index('subsidy_claims_program_idx').on(t.programId, t.createdAt, t.id),
    index('subsidy_claims_voucher_idx').on(t.voucherId),
    index('subsidy_claims_invoice_idx').on(t.invoiceKey),
    // The programmes a group claimed in, for the auditors' check of a group in several districts (migration 0340).
    index('subsidy_claims_group_idx').on(t.groupKey, t.programId),
    // A provider's claims under provider redemption, newest first (GET /v1/claims, migration 0210).
    index('subsidy_claims_provider_payee_idx')
      .on(t.payeeId, t.createdAt, t.id)
      .where(sql`${t.payeeType} = 'provider'`),
    check('subsidy_claims_status', sql`${t.status} in ('committed', 'approved', 'rejected', 'paid')`),
    check(
      'subsidy_claims_approved',
      sql`(${t.status} in ('approved', 'paid')) = (${t.approvedAmount} is not null) and coalesce(${t.approvedAmount}, 0) <= ${t.amount}`,
    ),
    check('subsidy_claims_amount', sql`${t.amount} > 0 and ${t.amount} <= ${t.price}`),
    check('subsidy_claims_payee', sql`${t.payeeType} = (case ${t.redemption} when 'provider' then 'provider' else 'enterprise' end)`),
  ],
);

/** The officer's alert: notify the district once when `available` falls below the threshold. */
export const programAlerts = pgTable('program_alerts', {
  programId: uuid('program_id')
    .primaryKey()
    .references(() => programs.id),
  availableBelow: bigint('available_below', { mode: 'number' }).notNull(),
  alertedAt: timestamp('alerted_at', { withTimezone: true, precision: 3 }),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/**
 * A co-funded programme's funders (issue 28): districts or cities of the reference data, each
 * paying `shareBps` of every claim out of a budget of its own. None: the programme's district
 * funds it alone, as before. Fixed at creation like every other term.
 */
export const programFunders = pgTable(
  'program_funders',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    funder: text('funder').notNull(),
    position: integer('position').notNull(),
    shareBps: integer('share_bps').notNull(),
    budget: bigint('budget', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'program_funders_pk', columns: [t.programId, t.funder] }),
    unique('program_funders_position').on(t.programId, t.position),
    index('program_funders_funder_idx').on(t.funder),
    check('program_funders_share', sql`${t.shareBps} between 1 and 10000`),
    check('program_funders_budget', sql`${t.budget} > 0`),
  ],
);

/** A claim's part per funder (libs/ledger splitByShares): committed at the award, approved by reconciliation. */
export const subsidyClaimShares = pgTable(
  'subsidy_claim_shares',
  {
    claimId: uuid('claim_id')
      .notNull()
      .references(() => subsidyClaims.id),
    programId: uuid('program_id').notNull(),
    funder: text('funder').notNull(),
    committed: bigint('committed', { mode: 'number' }).notNull(),
    /** Its part of the approved amount (libs/ledger approvedShares); 0 when rejected, null while undecided. */
    approved: bigint('approved', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ name: 'subsidy_claim_shares_pk', columns: [t.claimId, t.funder] }),
    index('subsidy_claim_shares_undecided_idx')
      .on(t.programId)
      .where(sql`${t.approved} is null`),
    check('subsidy_claim_shares_amounts', sql`${t.committed} >= 0 and (${t.approved} is null or ${t.approved} between 0 and ${t.committed})`),
  ],
);

export type ProgramFunderRow = typeof programFunders.$inferSelect;
export type ProgramRow = typeof programs.$inferSelect;
export type ProgramAlertRow = typeof programAlerts.$inferSelect;
export type VoucherRow = typeof vouchers.$inferSelect;
export type GroupUsageRow = typeof groupUsage.$inferSelect;
export type SubsidyClaimRow = typeof subsidyClaims.$inferSelect;

/** The platform's exchange rates (issue 26): CNY per unit of a currency on a date, with their source. */
export const fxRates = pgTable(
  'fx_rates',
  {
    rateDate: date('rate_date').notNull(),
    currency: text('currency').notNull(),
    cnyPerUnit: text('cny_per_unit').notNull(),
    source: text('source').notNull(),
    setBy: text('set_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.rateDate, t.currency] })],
);

export type FxRateRow = typeof fxRates.$inferSelect;
