import { z } from 'zod';
import { moneySchema } from '../../common/http/money.schema.js';

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
      .describe("who the programme pays the subsidy to: the provider (redemption 'provider', 通兑) or the enterprise (通用)"),
    enterpriseShare: moneySchema,
    status: z.enum(['awaiting_payment', 'in_progress', 'delivered', 'completed', 'disputed', 'cancelled']),
    payment: z.null().describe('null until a payment starts (payments issue)'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Engagement' });
export type EngagementView = z.infer<typeof engagementView>;
