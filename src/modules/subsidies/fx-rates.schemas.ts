import { z } from 'zod';
import { isCurrencyCode, isRateText } from '../../../libs/money/index.js';

export const fxRateParams = z.object({
  date: z.iso.date(),
  currency: z.string().refine((c) => isCurrencyCode(c) && c !== 'CNY', 'an ISO 4217 code other than CNY'),
});

export const fxRateBody = z
  .strictObject({
    cnyPerUnit: z.string().refine(isRateText, 'a decimal string above zero such as "7.1234" (at most 6 digits, 10 places)'),
    source: z.string().trim().min(1).max(200).describe('where the rate comes from, e.g. "CFETS 人民币汇率中间价"'),
  })
  .meta({ id: 'FxRateRequest' });
export type FxRateBody = z.infer<typeof fxRateBody>;

export const fxRateView = z.object({ date: z.iso.date(), currency: z.string(), cnyPerUnit: z.string(), source: z.string() }).meta({ id: 'FxRate' });
export type FxRateView = z.infer<typeof fxRateView>;

export const centralParityParams = z.object({ date: z.iso.date() });

export const centralParityBody = z
  .strictObject({
    csv: z.string().min(1).max(500_000).optional().describe('the table as CSV: `pair,rate` rows, or CFETS’s `日期,USD/CNY,EUR/CNY,…` with a row per date'),
    xlsx: z.base64().max(2_000_000).optional().describe('the same table as an .xlsx workbook (its first sheet), base64-encoded'),
    source: z.string().trim().min(1).max(200).default('CFETS 人民币汇率中间价').describe('recorded on every rate, with the pair as quoted'),
  })
  .refine((b) => (b.csv === undefined) !== (b.xlsx === undefined), { path: ['csv'], message: 'give the table as csv or as xlsx, one of them' })
  .meta({ id: 'CentralParityImport' });
export type CentralParityBody = z.infer<typeof centralParityBody>;

export const centralParityView = z
  .object({
    date: z.iso.date(),
    rates: z.array(fxRateView),
    created: z.number().int().describe('rates the table did not hold for this date'),
    updated: z.number().int().describe('rates of this date replaced by a different figure or source'),
    unchanged: z.number().int().describe('rates already recorded exactly so: a re-import changes nothing'),
  })
  .meta({ id: 'CentralParityImported' });
export type CentralParityView = z.infer<typeof centralParityView>;
