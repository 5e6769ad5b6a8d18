import { z } from 'zod';
import { instant } from '../../common/http/instant.schema.js';
import { isCategoryCode, isCountryCode, isDistrictCode, isRegionCode, isSectorCode } from '../../../libs/reference-data/index.js';
import { pageQuery } from '../../common/http/pagination.js';
import { moneySchema } from '../../common/http/money.schema.js';
import { distinctList, referenceCode } from '../../common/http/reference-fields.js';
import { ENTERPRISE_RULES, PROVIDER_RULES, REDEMPTIONS, VOUCHER_STATUSES } from '../../db/schema/subsidies.js';

const positiveMoney = moneySchema.refine((m) => m.amount > 0, { path: ['amount'], message: 'must be above zero' });
const district = referenceCode(isDistrictCode, 'district code (see /v1/reference/districts)');

const category = referenceCode(isCategoryCode, 'category (see /v1/reference/categories)');

/** Which enterprises a programme serves (libs/eligibility); every rule is optional. */
export const eligibilityRules = z
  .strictObject({
    smeOnly: z.boolean().optional().describe("only enterprises registered as SMEs (the enterprise's `sme`)"),
    sectors: distinctList(referenceCode(isSectorCode, 'GB/T 4754 section or division (see /v1/reference/sectors)'), 1, 120).optional(),
    countries: distinctList(referenceCode(isCountryCode, 'ISO 3166-1 alpha-2 country'), 1, 250).optional(),
    regions: distinctList(referenceCode(isRegionCode, 'region (middle_east, asean, belt_and_road)'), 1, 20).optional(),
    firstVentureOnly: z.boolean().optional().describe("only an enterprise's first venture abroad: no earlier engagement on the platform"),
    categoryTerms: z
      .record(
        category,
        z.strictObject({
          rateBps: z.number().int().min(1).max(10_000).optional().describe("replaces the programme's rate for this category"),
          cap: z
            .number()
            .int()
            .positive()
            .max(Number.MAX_SAFE_INTEGER)
            .optional()
            .describe("the most one purchase is subsidised, in the programme's minor units"),
        }),
      )
      .optional(),
  })
  .meta({ id: 'ProgramEligibility' });

/** A co-funder: a district or city of the reference data, its share of every claim and its own budget. */
export const programFunder = z
  .strictObject({
    district: referenceCode(isDistrictCode, 'district or city code (see /v1/reference/districts)'),
    shareBps: z.number().int().min(1).max(10_000).describe('basis points of every claim this funder pays; the shares sum to 10000'),
    budget: positiveMoney.describe('the most this funder pays, a hard limit: an award whose share it cannot cover is 409 budget_exhausted'),
  })
  .meta({ id: 'ProgramFunder' });

export const createProgramBody = z
  .strictObject({
    district,
    name: z.string().trim().min(1).max(200),
    policyRef: z.string().trim().min(1).max(200),
    rateBps: z.number().int().min(1).max(10_000).describe('basis points: 3000 = 30%'),
    perVoucherCap: positiveMoney,
    perEnterpriseCap: positiveMoney.describe("applies to the enterprise's group (same parentUscc)"),
    budget: positiveMoney,
    categories: distinctList(category, 1, 20),
    providerRule: z.enum(PROVIDER_RULES),
    enterpriseRule: z.enum(ENTERPRISE_RULES),
    validFrom: instant(),
    validTo: instant(),
    redemption: z.enum(REDEMPTIONS).default('provider'),
    eligibility: eligibilityRules.default({}),
    funders: z
      .array(programFunder)
      .min(1)
      .max(20)
      .optional()
      .describe(
        'co-funders (issue 28): every claim is paid by them in their shares; `budget` must be the sum of their budgets. Absent: the district funds it alone',
      ),
  })
  .superRefine((body, ctx) => {
    if (body.funders) refineFunders(body.funders, body.budget, ctx);
    for (const field of ['perVoucherCap', 'perEnterpriseCap'] as const) {
      if (body[field].currency !== body.budget.currency) {
        ctx.addIssue({ code: 'custom', path: [field, 'currency'], message: `must be the budget's currency, ${body.budget.currency}` });
      }
    }
    for (const code of Object.keys(body.eligibility.categoryTerms ?? {})) {
      if (!body.categories.includes(code))
        ctx.addIssue({ code: 'custom', path: ['eligibility', 'categoryTerms', code], message: 'is not among the categories' });
    }
    if (Date.parse(body.validTo) <= Date.parse(body.validFrom)) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must be after validFrom' });
    }
  })
  .meta({ id: 'ProgramCreate' });
export type CreateProgramBody = z.infer<typeof createProgramBody>;

function refineFunders(funders: z.infer<typeof programFunder>[], budget: { amount: number; currency: string }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  funders.forEach((f, i) => {
    if (seen.has(f.district)) ctx.addIssue({ code: 'custom', path: ['funders', i, 'district'], message: 'is listed twice' });
    seen.add(f.district);
    if (f.budget.currency !== budget.currency)
      ctx.addIssue({ code: 'custom', path: ['funders', i, 'budget', 'currency'], message: `must be the budget's currency, ${budget.currency}` });
  });
  const shares = funders.reduce((sum, f) => sum + f.shareBps, 0);
  if (shares !== 10_000) ctx.addIssue({ code: 'custom', path: ['funders'], message: `the shares sum to ${shares}, not 10000` });
  const budgets = funders.reduce((sum, f) => sum + f.budget.amount, 0);
  if (budgets !== budget.amount) ctx.addIssue({ code: 'custom', path: ['budget', 'amount'], message: `must be the sum of the funders' budgets, ${budgets}` });
}

export const ledgerView = z
  .object({
    budget: moneySchema,
    reserved: moneySchema,
    committed: moneySchema,
    approved: moneySchema,
    paid: moneySchema,
    available: moneySchema,
  })
  .describe('reserved + committed + approved + paid + available = budget; none below zero')
  .meta({ id: 'ProgramLedger' });

export const programView = z
  .object({
    id: z.uuid(),
    district: z.string(),
    name: z.string(),
    policyRef: z.string(),
    rateBps: z.number().int(),
    perVoucherCap: moneySchema,
    perEnterpriseCap: moneySchema,
    budget: moneySchema,
    categories: z.array(z.string()),
    providerRule: z.enum(PROVIDER_RULES),
    enterpriseRule: z.enum(ENTERPRISE_RULES),
    validFrom: z.iso.datetime(),
    validTo: z.iso.datetime(),
    redemption: z.enum(REDEMPTIONS),
    eligibility: eligibilityRules,
    createdAt: z.iso.datetime(),
    ledger: ledgerView.optional().describe("only for the programme's district officers, its city's coordinators and admins"),
    funders: z
      .array(z.object({ district: z.string(), shareBps: z.number().int(), budget: moneySchema }))
      .optional()
      .describe('a co-funded programme only: its funders in order (their figures: GET /v1/programs/{id}/funders)'),
  })
  .meta({ id: 'Program' });
export type ProgramView = z.infer<typeof programView>;
export const programList = z.object({ data: z.array(programView), nextCursor: z.string().nullable() }).meta({ id: 'ProgramList' });

export const listProgramsQuery = pageQuery.extend({ district: district.optional() });
export type ListProgramsQuery = z.infer<typeof listProgramsQuery>;

export const issueVoucherBody = z.strictObject({ enterpriseId: z.uuid(), faceValue: positiveMoney, expiresAt: instant() }).meta({ id: 'VoucherIssue' });
export type IssueVoucherBody = z.infer<typeof issueVoucherBody>;

export const voucherView = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    enterpriseId: z.uuid(),
    faceValue: moneySchema,
    used: moneySchema.describe('committed to awards so far'),
    remaining: moneySchema.describe('still spendable: face value − used while active, else zero'),
    status: z.enum(VOUCHER_STATUSES),
    expiresAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().nullable().describe('when revocation or expiry returned the remainder to the budget'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Voucher' });
export type VoucherView = z.infer<typeof voucherView>;
export const voucherList = z.object({ data: z.array(voucherView), nextCursor: z.string().nullable() }).meta({ id: 'VoucherList' });

export const listVouchersQuery = pageQuery.extend({
  programId: z.uuid().optional(),
  status: z.enum(VOUCHER_STATUSES).optional(),
  enterpriseId: z.uuid().optional().describe("one enterprise's vouchers (an enterprise always sees only its own)"),
});
export type ListVouchersQuery = z.infer<typeof listVouchersQuery>;

export const revokeVoucherBody = z
  .strictObject({ reason: z.string().trim().min(1).max(1000).optional().describe('kept in the audit trail') })
  .meta({ id: 'VoucherRevoke' });
export type RevokeVoucherBody = z.infer<typeof revokeVoucherBody>;

/** What a voucher would do for one purchase: shown beside bids and matches. */
export const voucherQuote = z
  .object({
    voucherId: z.uuid(),
    programId: z.uuid(),
    subsidy: moneySchema.describe("in the purchase's currency"),
    cost: moneySchema.describe('what the enterprise pays after it'),
    converted: z
      .object({
        cnyPerUnit: z.string(),
        rateDate: z.iso.date(),
        source: z.string(),
        price: moneySchema,
        subsidy: moneySchema,
        cost: moneySchema,
      })
      .optional()
      .describe("a purchase in another currency: the programme's CNY figures at today's rate (the rate an award would lock now)"),
  })
  .meta({ id: 'VoucherQuote' });
export type VoucherQuote = z.infer<typeof voucherQuote>;

export const ledgerHistoryView = z
  .object({
    programId: z.uuid(),
    currency: z.string(),
    points: z.array(
      z.object({
        date: z.string(),
        reserved: z.number().int(),
        committed: z.number().int(),
        approved: z.number().int(),
        paid: z.number().int(),
        available: z.number().int(),
      }),
    ),
    burnDown: z.object({
      spentPerDay: z.number().int(),
      runsOutOn: z.string().nullable().describe('when available reaches zero at the pace of the last 30 days'),
    }),
  })
  .meta({ id: 'ProgramLedgerHistory' });

export const alertBody = z.strictObject({ availableBelow: moneySchema }).meta({ id: 'ProgramAlertSet' });
export type AlertBody = z.infer<typeof alertBody>;
export const alertView = z.object({ availableBelow: moneySchema.nullable(), alertedAt: z.iso.datetime().nullable() }).meta({ id: 'ProgramAlert' });

export const auditTrailQuery = pageQuery;
export type AuditTrailQuery = z.infer<typeof auditTrailQuery>;
export const auditEntryView = z
  .object({
    id: z.string().describe('increases with time'),
    at: z.iso.datetime(),
    actor: z.object({ sub: z.string(), role: z.string(), org: z.string() }),
    action: z.string().describe('e.g. program.created, voucher.issued, voucher.revoked, reconciliation.queued, settlement.paid'),
    entityType: z.string(),
    entityId: z.string(),
    data: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export const auditTrail = z.object({ data: z.array(auditEntryView), nextCursor: z.string().nullable() }).meta({ id: 'AuditTrail' });

export const funderLedgerView = z
  .object({ budget: moneySchema, committed: moneySchema, approved: moneySchema, paid: moneySchema, available: moneySchema })
  .describe('committed + approved + paid + available = budget; available never below zero')
  .meta({ id: 'FunderLedger' });

export const programFundersView = z
  .object({
    programId: z.uuid(),
    funders: z.array(
      z.object({
        district: z.string(),
        shareBps: z.number().int(),
        budget: moneySchema,
        ledger: funderLedgerView,
      }),
    ),
  })
  .describe("the programme's officers, its cities' coordinators and admins see every funder; a funder's officer its own part only")
  .meta({ id: 'ProgramFunders' });
