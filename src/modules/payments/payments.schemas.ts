import { z } from 'zod';
import { moneySchema } from '../../common/http/money.schema.js';
import { PAYMENT_METHODS } from '../../db/schema/payments.js';
import { bankAccountView } from './custodian.schemas.js';

export const startPaymentBody = z.strictObject({ method: z.enum(PAYMENT_METHODS) }).meta({ id: 'PaymentStart' });
export type StartPaymentBody = z.infer<typeof startPaymentBody>;

export const startedPayment = z
  .object({
    method: z.enum(PAYMENT_METHODS),
    amount: moneySchema.describe("the enterprise's share"),
    clientSecret: z.string().optional().describe('stripe: for Stripe.js to confirm the PaymentIntent'),
    reference: z.string().optional().describe('bank transfer: quote it on the transfer'),
    payee: bankAccountView.optional().describe("bank transfer: the provider's recorded bank account to pay into, once it has recorded one"),
  })
  .meta({ id: 'PaymentStarted' });

export const confirmTransferBody = z.strictObject({ reference: z.string().trim().min(1).max(64), amount: moneySchema }).meta({ id: 'TransferConfirmation' });
export type ConfirmTransferBody = z.infer<typeof confirmTransferBody>;

export const refundBody = z
  .strictObject({
    amount: moneySchema.refine((m) => m.amount > 0, { path: ['amount'], message: 'must be above zero' }),
    reason: z.string().trim().max(500).default(''),
  })
  .meta({ id: 'RefundRequest' });
export type RefundBody = z.infer<typeof refundBody>;

export const payoutAccountView = z.object({ accountId: z.string(), url: z.string().describe('Stripe Connect onboarding link') }).meta({ id: 'PayoutAccount' });
