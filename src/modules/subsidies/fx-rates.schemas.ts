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
