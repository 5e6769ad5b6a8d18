import { z } from 'zod';
import { instant } from '../../common/http/instant.schema.js';
import { moneySchema } from '../../common/http/money.schema.js';
import { pageQuery } from '../../common/http/pagination.js';
import { referenceCode } from '../../common/http/reference-fields.js';
import { isDistrictCode } from '../../../libs/reference-data/index.js';

export const runView = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    trigger: z.string(),
    progress: z.number().min(0).max(1),
    processed: z.number().int(),
    total: z.number().int(),
    counts: z.object({ approved: z.number().int(), adjusted: z.number().int(), held: z.number().int(), rejected: z.number().int() }),
    totals: z.object({
      approved: z.number().int().describe('minor units approved by the run'),
      released: z.number().int().describe('minor units returned to available'),
    }),
    anomalies: z.array(z.object({ kind: z.string(), detail: z.record(z.string(), z.unknown()) })).describe('flags for auditors, not decisions'),
    error: z.string().nullable(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ReconciliationRun' });
export const runList = z.object({ data: z.array(runView), nextCursor: z.null() }).meta({ id: 'ReconciliationRunList' });
export const runQueued = z.object({ runId: z.uuid() }).meta({ id: 'ReconciliationQueued' });

const settlementHeader = {
  id: z.uuid(),
  programId: z.uuid(),
  runId: z.uuid(),
  status: z.enum(['pending', 'paid']),
  total: moneySchema,
  paidAt: z.iso.datetime().nullable(),
  reference: z.string().nullable(),
  createdAt: z.iso.datetime(),
};
export const settlementSummary = z.object(settlementHeader).meta({ id: 'SettlementSummary' });
export const settlementList = z.object({ data: z.array(settlementSummary), nextCursor: z.null() }).meta({ id: 'SettlementList' });
export const settlementView = z
  .object({
    ...settlementHeader,
    lines: z.array(
      z.object({
        payeeType: z.enum(['provider', 'enterprise']),
        payeeId: z.uuid(),
        payeeName: z.string(),
        engagements: z.number().int().describe('how many engagements the line pays for: GET /v1/settlements/:id/engagements lists them'),
        amount: moneySchema,
      }),
    ),
  })
  .meta({ id: 'Settlement' });

export const funderParam = referenceCode(isDistrictCode, "the funder: a district or city code of the programme's funders");

export const funderSettlementView = z
  .object({
    settlementId: z.uuid(),
    programId: z.uuid(),
    funder: z.string(),
    status: z.enum(['pending', 'paid']),
    total: moneySchema.describe("the funder's part of the settlement"),
    lines: z.array(
      z.object({
        payeeType: z.enum(['provider', 'enterprise']),
        payeeId: z.uuid(),
        payeeName: z.string(),
        engagements: z.number().int(),
        amount: moneySchema.describe("the funder's parts of the payee's approved claims"),
      }),
    ),
  })
  .meta({ id: 'FunderSettlement' });

export const funderSettlementList = z
  .object({
    data: z.array(
      z.object({
        settlementId: z.uuid(),
        status: z.enum(['pending', 'paid']),
        total: moneySchema.describe("the funder's part of the settlement"),
        paidAt: z.iso.datetime().nullable(),
        createdAt: z.iso.datetime(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'FunderSettlementList' });

export const settlementQuery = z
  .strictObject({ detail: z.enum(['lines', 'engagements']).default('lines').describe('CSV only: one row per payee (lines) or per engagement, for auditors') })
  .meta({ id: 'SettlementQuery' });
export type SettlementQuery = z.infer<typeof settlementQuery>;

// Ids as Postgres stores them (z.guid): generated data need not carry RFC 4122 version bits.
export const engagementCursor = z.object({
  payeeType: z.enum(['provider', 'enterprise']),
  payeeId: z.guid(),
  claimCreatedAt: z.iso.datetime(),
  claimId: z.guid(),
});
export const settlementEngagementsQuery = pageQuery.extend({ payeeId: z.uuid().optional() }).meta({ id: 'SettlementEngagementsQuery' });
export type SettlementEngagementsQuery = z.infer<typeof settlementEngagementsQuery>;
export const settlementEngagementList = z
  .object({
    data: z.array(
      z.object({
        engagementId: z.uuid(),
        claimId: z.uuid(),
        payeeType: z.enum(['provider', 'enterprise']),
        payeeId: z.uuid(),
        amount: moneySchema,
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'SettlementEngagementList' });

export const confirmSettlementBody = z.strictObject({ paidAt: instant(), reference: z.string().trim().min(1).max(100) }).meta({ id: 'SettlementConfirmation' });
export type ConfirmSettlementBody = z.infer<typeof confirmSettlementBody>;

export const listClaimsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  status: z.enum(['committed', 'approved', 'rejected', 'paid']).optional(),
});
export type ListClaimsQuery = z.infer<typeof listClaimsQuery>;

export const providerClaimView = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    engagementId: z.uuid(),
    enterpriseId: z.uuid(),
    price: moneySchema,
    amount: moneySchema.describe('the subsidy committed at the award'),
    approvedAmount: moneySchema.nullable().describe('what reconciliation approved (less than `amount` after a partial refund); null before'),
    status: z.enum(['committed', 'approved', 'rejected', 'paid']),
    reconciliation: z
      .enum(['awaiting', 'approved', 'rejected'])
      .describe("'awaiting': no run has approved or rejected it yet (a held claim waits for the next run)"),
    runId: z.uuid().nullable().describe('the reconciliation run that approved it'),
    settlement: z
      .object({ id: z.uuid(), status: z.enum(['pending', 'paid']), paidAt: z.iso.datetime().nullable(), reference: z.string().nullable() })
      .nullable()
      .describe('the batch the district pays it in; null until its run has ended'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ProviderClaim' });
export type ProviderClaimView = z.infer<typeof providerClaimView>;
export const providerClaimPage = z.object({ data: z.array(providerClaimView), nextCursor: z.string().nullable() }).meta({ id: 'ProviderClaimList' });
