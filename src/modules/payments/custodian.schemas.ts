import { z } from 'zod';

export const bankAccountBody = z
  .strictObject({
    bank: z.string().trim().min(1).max(200).describe('开户行, the bank and branch'),
    accountName: z.string().trim().min(1).max(200).describe('户名, as the bank holds it'),
    accountNumber: z
      .string()
      .trim()
      .regex(/^[A-Z0-9 ]{6,34}$/, 'digits and capital letters (an IBAN or a domestic account number), 6 to 34'),
    cnaps: z
      .string()
      .trim()
      .regex(/^\d{12}$/, 'a CNAPS code is 12 digits')
      .optional(),
    swift: z
      .string()
      .trim()
      .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'a SWIFT/BIC code is 8 or 11 characters')
      .optional(),
  })
  .refine((b) => b.cnaps !== undefined || b.swift !== undefined, { path: ['cnaps'], message: 'give a CNAPS code (domestic) or a SWIFT code (abroad)' })
  .meta({ id: 'ProviderBankAccountRequest' });
export type BankAccountBody = z.infer<typeof bankAccountBody>;

export const bankAccountView = z
  .object({ bank: z.string(), accountName: z.string(), accountNumber: z.string(), cnaps: z.string().nullable(), swift: z.string().nullable() })
  .meta({ id: 'ProviderBankAccount' });
export type BankAccountView = z.infer<typeof bankAccountView>;

export const statementBody = z
  .strictObject({
    csv: z
      .string()
      .min(1)
      .max(5_000_000)
      .describe('the custodian bank statement: header bank_txn_id,booked_on,reference,amount,currency,payer_name,payer_account; amounts in major units'),
  })
  .meta({ id: 'CustodianStatement' });
export type StatementBody = z.infer<typeof statementBody>;

export const statementResult = z
  .object({
    lines: z.array(
      z.object({
        bankTxnId: z.string(),
        outcome: z.enum(['matched', 'duplicate', 'unmatched']),
        engagementId: z.uuid().optional(),
        milestone: z.number().int().optional(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'CustodianStatementResult' });

export const payoutBatchView = z
  .object({
    id: z.uuid().nullable().describe('null when nothing was ready to pay'),
    lines: z.number().int(),
    waiting: z.number().int().describe('payouts left for a later batch: their provider has recorded no bank account yet'),
  })
  .meta({ id: 'PayoutBatch' });
