import { z } from 'zod';
import { isValidUscc } from '../../../libs/uscc/index.js';
import { moneySchema } from '../../common/http/money.schema.js';
import { fileView } from '../files/files.schemas.js';
import { FAPIAO_TYPES } from '../../db/schema/payments.js';

export const fapiaoBody = z
  .strictObject({
    type: z.enum(FAPIAO_TYPES).describe('全电发票 (fully digital), 专票 (special VAT) or 普票 (ordinary VAT)'),
    number: z
      .string()
      .trim()
      .regex(/^\d{8,20}$/, 'the fapiao number: 8 to 20 digits (20 for a 全电发票)'),
    issuedOn: z.iso.date(),
    buyerTaxId: z
      .string()
      .trim()
      .refine((id) => isValidUscc(id), "the buyer's 18-character unified social credit code (USCC)"),
    amountWithTax: moneySchema
      .refine((m) => m.currency === 'CNY', { path: ['currency'], message: 'a fapiao is in CNY' })
      .refine((m) => m.amount > 0, { path: ['amount'], message: 'must be above zero' }),
    taxRate: z
      .string()
      .regex(/^0(\.\d{1,4})?$/, 'a decimal fraction such as "0.06"')
      .describe('the VAT rate, e.g. "0.06"'),
    fileIds: z
      .array(z.uuid())
      .max(5)
      .default([])
      .describe('the fapiao itself (its PDF or OFD): clean files the provider uploaded (POST /v1/files), attached to the engagement as kind `fapiao`'),
  })
  .meta({ id: 'FapiaoRequest' });
export type FapiaoBody = z.infer<typeof fapiaoBody>;

export const fapiaoView = z
  .object({
    milestone: z.number().int(),
    type: z.enum(FAPIAO_TYPES),
    number: z.string(),
    issuedOn: z.iso.date(),
    buyerTaxId: z.string(),
    amountWithTax: moneySchema,
    taxRate: z.string(),
    files: z.array(fileView),
  })
  .meta({ id: 'Fapiao' });
export type FapiaoView = z.infer<typeof fapiaoView>;

export const fapiaoList = z.object({ fapiao: z.array(fapiaoView) }).meta({ id: 'FapiaoList' });
