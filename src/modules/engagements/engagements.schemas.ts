import { z } from 'zod';
import { moneySchema } from '../../common/http/money.schema.js';

export const milestoneSummary = z
  .object({
    count: z.number().int(),
    toFund: z.number().int().describe('not funded yet: the enterprise pays each into escrow'),
    toApprove: z.number().int().describe('delivered: the enterprise approves or disputes (released on its own after MILESTONE_AUTO_RELEASE_DAYS)'),
    inDispute: z.number().int(),
  })
  .meta({ id: 'MilestoneSummary' });
export type MilestoneSummary = z.infer<typeof milestoneSummary>;

export const paymentView = z
  .object({
    id: z.uuid().describe('for its receipt: GET /v1/payments/{id}/receipt'),
    method: z.enum(['stripe', 'bank_transfer']),
    status: z.enum(['pending', 'succeeded', 'partially_refunded', 'refunded', 'failed']),
    amount: moneySchema,
    received: moneySchema.describe('counted once however many times it is reported'),
    refunded: moneySchema,
    reference: z.string().optional().describe('bank transfer: what the enterprise quotes when it pays'),
    stripePaymentIntentId: z.string().optional(),
    milestones: milestoneSummary
      .nullable()
      .describe('paid by milestones: where they stand (GET /v1/engagements/{id}/milestones has each); null for a payment of the whole price'),
  })
  .meta({ id: 'Payment' });
export type PaymentView = z.infer<typeof paymentView>;

export const engagementView = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    providerId: z.uuid(),
    enterpriseId: z.uuid(),
    price: moneySchema,
    subsidy: moneySchema.nullable(),
    subsidyPayee: z
      .object({ type: z.enum(['provider', 'enterprise']), id: z.uuid() })
      .nullable()
      .describe(
        "who the programme pays the subsidy to: the provider (redemption 'provider': the provider redeems it) or the enterprise (redemption 'enterprise': reimbursed)",
      ),
    enterpriseShare: moneySchema,
    status: z.enum(['awaiting_payment', 'in_progress', 'delivered', 'completed', 'disputed', 'cancelled']),
    payment: paymentView.nullable().describe('null before a payment starts'),
    deliveredAt: z.iso.datetime().nullable(),
    invoiceNumber: z.string().nullable(),
    acceptedAt: z.iso.datetime().nullable(),
    subsidyLapsedAt: z.iso
      .datetime()
      .nullable()
      .describe(
        'when the subsidy went back to the programme because the engagement was not accepted within SUBSIDY_ACCEPTANCE_DAYS of its award (the work may still be accepted, without it)',
      ),
    rating: z.object({ score: z.number().int(), comment: z.string(), ratedAt: z.iso.datetime() }).nullable(),
    dispute: z.object({ status: z.enum(['open', 'won', 'lost']), reason: z.string(), by: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Engagement' });
export type EngagementView = z.infer<typeof engagementView>;

export const deliverBody = z
  .strictObject({
    invoiceNumber: z.string().trim().min(1).max(64).optional().describe("the provider's invoice for the work; one purchase, one subsidy (reconciliation)"),
    note: z.string().trim().max(2000).optional(),
    fileIds: z
      .array(z.uuid())
      .max(20)
      .optional()
      .describe('the deliverables: your own clean uploads (POST /v1/files); the enterprise sees them before accepting'),
  })
  .meta({ id: 'DeliverRequest' });
export type DeliverBody = z.infer<typeof deliverBody>;

export const ratingBody = z
  .strictObject({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).default('') })
  .meta({ id: 'RatingRequest' });
export type RatingBody = z.infer<typeof ratingBody>;

export const disputeBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) }).meta({ id: 'DisputeRequest' });
export type DisputeBody = z.infer<typeof disputeBody>;

export const resolveDisputeBody = z
  .strictObject({ outcome: z.enum(['won', 'lost']).describe("'won': the provider prevails and work resumes; 'lost': the engagement is cancelled") })
  .meta({ id: 'DisputeResolution' });
export type ResolveDisputeBody = z.infer<typeof resolveDisputeBody>;

export const listEngagementsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  status: z.enum(['awaiting_payment', 'in_progress', 'delivered', 'completed', 'disputed', 'cancelled']).optional(),
});
export type ListEngagementsQuery = z.infer<typeof listEngagementsQuery>;
export const engagementPage = z.object({ data: z.array(engagementView), nextCursor: z.string().nullable() }).meta({ id: 'EngagementList' });
