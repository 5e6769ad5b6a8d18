import { z } from 'zod';
import { voucherQuote } from '../subsidies/vouchers.schemas.js';
import { moneySchema } from '../../common/http/money.schema.js';

export const createBidBody = z
  .strictObject({
    price: moneySchema
      .refine((m) => m.amount > 0, { path: ['amount'], message: 'must be above zero' })
      .describe("in the provider's own currency (any ISO 4217 code); its milestones are in the same"),
    timelineDays: z.number().int().min(1).max(3650),
    proposal: z.string().trim().min(1).max(20_000),
    milestones: z
      .array(z.strictObject({ title: z.string().trim().min(1).max(200), amount: moneySchema, dueInDays: z.number().int().min(0).max(3650) }))
      .max(50)
      .default([]),
  })
  .superRefine((bid, ctx) => {
    bid.milestones.forEach((m, i) => {
      if (m.amount.currency !== bid.price.currency)
        ctx.addIssue({ code: 'custom', path: ['milestones', i, 'amount', 'currency'], message: 'must match price.currency' });
    });
    const total = bid.milestones.reduce((sum, m) => sum + m.amount.amount, 0);
    if (bid.milestones.length > 0 && total !== bid.price.amount) {
      ctx.addIssue({ code: 'custom', path: ['milestones'], message: `amounts add up to ${total}, not the price ${bid.price.amount}` });
    }
  })
  .meta({ id: 'BidCreate' });
export type CreateBidBody = z.infer<typeof createBidBody>;

export const awardBody = z.strictObject({ bidId: z.uuid(), voucherId: z.uuid().optional() }).meta({ id: 'AwardRequest' });
export type AwardBody = z.infer<typeof awardBody>;

export const bidView = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    providerId: z.uuid(),
    price: moneySchema,
    timelineDays: z.number().int(),
    proposal: z.string(),
    milestones: z.array(z.object({ title: z.string(), amount: moneySchema, dueInDays: z.number().int() })),
    status: z.enum(['live', 'withdrawn', 'awarded', 'lost']),
    costAfterSubsidy: z
      .array(voucherQuote)
      .optional()
      .describe("for the enterprise: each of its applicable vouchers' subsidy and the cost after it (empty when none applies)"),
    cnyEquivalent: z
      .object({ price: moneySchema, cnyPerUnit: z.string(), rateDate: z.iso.date(), source: z.string() })
      .nullable()
      .optional()
      .describe(
        "for the enterprise, on a bid in another currency: its price in CNY at today's rate (the rate an award would lock now); null when the rate table has none fresh enough",
      ),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Bid' });
export type BidView = z.infer<typeof bidView>;
export const bidList = z.object({ data: z.array(bidView), nextCursor: z.null() }).meta({ id: 'BidList' });

export const listBidsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  status: z.enum(['live', 'withdrawn', 'awarded', 'lost']).optional(),
  requestId: z.uuid().optional(),
});
export type ListBidsQuery = z.infer<typeof listBidsQuery>;
export const bidPage = z.object({ data: z.array(bidView), nextCursor: z.string().nullable() }).meta({ id: 'BidPage' });
