import { z } from 'zod';
import { moneySchema } from '../../common/http/money.schema.js';
import { fileView } from '../files/files.schemas.js';
import { PAYMENT_METHODS } from '../../db/schema/payments.js';

export const milestoneNumber = z.coerce.number().int().min(1).max(50);

export const fundMilestoneBody = z.strictObject({ method: z.enum(PAYMENT_METHODS) }).meta({ id: 'MilestoneFunding' });
export type FundMilestoneBody = z.infer<typeof fundMilestoneBody>;

export const milestoneDeliverBody = z
  .strictObject({
    note: z.string().trim().max(2000).optional().describe('what was delivered; kept, and shown to the enterprise before it approves'),
    fileIds: z.array(z.uuid()).max(20).optional().describe('the deliverables: your own clean uploads (POST /v1/files)'),
  })
  .meta({ id: 'MilestoneDelivery' });
export type MilestoneDeliverBody = z.infer<typeof milestoneDeliverBody>;

export const custodianAccount = z
  .object({ bank: z.string(), accountName: z.string(), accountNumber: z.string(), cnaps: z.string().nullable() })
  .meta({ id: 'CustodianAccount' });

export const fundedMilestone = z
  .object({
    n: z.number().int(),
    method: z.enum(PAYMENT_METHODS),
    amount: moneySchema.describe("the enterprise's due for this milestone, held in escrow until release"),
    clientSecret: z.string().optional().describe('stripe: confirm this PaymentIntent with Stripe.js; the charge stays with the platform'),
    reference: z.string().optional().describe("bank transfer: the engagement's reference, to quote on the transfer"),
    payTo: custodianAccount.optional().describe("bank transfer: the platform's custodian account (资金存管), when configured"),
  })
  .meta({ id: 'MilestoneFundingStarted' });

export const milestoneDisputeView = z
  .object({
    status: z.enum(['open', 'proposed', 'settled']),
    openedBy: z.string(),
    reason: z.string(),
    proposal: z.object({ release: moneySchema, refund: moneySchema, by: z.string(), at: z.iso.datetime() }).nullable(),
    acceptedBy: z.array(z.enum(['enterprise', 'provider'])),
    settled: z.enum(['accepted', 'decided']).nullable(),
    id: z.uuid().describe('the objectId of its files (kind `dispute`)'),
    files: z.array(fileView).describe('the evidence both sides attached'),
  })
  .meta({ id: 'MilestoneDispute' });

export const milestoneView = z
  .object({
    n: z.number().int(),
    title: z.string(),
    amount: moneySchema.describe("the milestone's part of the price"),
    due: moneySchema.describe('what the enterprise pays into escrow for it'),
    status: z.enum(['pending', 'funded', 'delivered', 'released', 'disputed', 'refunded', 'settled']),
    method: z.enum(PAYMENT_METHODS).nullable(),
    released: moneySchema,
    refunded: moneySchema,
    fundedAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    autoReleaseAt: z.iso.datetime().nullable().describe('a delivered milestone is released then unless approved or disputed first'),
    dispute: milestoneDisputeView.nullable(),
  })
  .meta({ id: 'Milestone' });
export type MilestoneView = z.infer<typeof milestoneView>;

export const milestoneList = z
  .object({
    engagementId: z.uuid(),
    milestones: z.array(milestoneView),
    escrow: z.object({ held: moneySchema, released: moneySchema, refunded: moneySchema }).describe("the engagement's escrow ledger balances"),
  })
  .meta({ id: 'MilestoneList' });
export type MilestoneList = z.infer<typeof milestoneList>;

export const confirmReceiptBody = z.strictObject({ amount: moneySchema }).meta({ id: 'MilestoneReceipt' });
export type ConfirmReceiptBody = z.infer<typeof confirmReceiptBody>;

export const milestoneDisputeBody = z
  .strictObject({
    reason: z.string().trim().min(1).max(2000),
    fileIds: z
      .array(z.uuid())
      .max(20)
      .default([])
      .describe(
        'the evidence: clean files the caller uploaded (POST /v1/files); either side may add more while the dispute is open (POST /v1/attachments, kind dispute)',
      ),
  })
  .meta({ id: 'MilestoneDisputeRequest' });
export type MilestoneDisputeBody = z.infer<typeof milestoneDisputeBody>;

export const proposalBody = z
  .strictObject({
    release: moneySchema.describe('to the provider'),
    refund: moneySchema.describe('back to the enterprise'),
  })
  .meta({ id: 'MilestoneDisputeProposal' });
export type ProposalBody = z.infer<typeof proposalBody>;

export const milestoneRefundBody = z
  .strictObject({
    amount: moneySchema
      .refine((m) => m.amount > 0, { path: ['amount'], message: 'must be above zero' })
      .optional()
      .describe('after release only: how much of what was paid to give back (all of it when left out); before release everything held goes back'),
  })
  .meta({ id: 'MilestoneRefundRequest' });
export type MilestoneRefundBody = z.infer<typeof milestoneRefundBody>;
