import { z } from 'zod';
import { isCurrencyCode } from '../../../libs/money/index.js';

/** Money of docs/api.md ("Money"): integer minor units (fen for CNY) and an ISO 4217 code. */
export const moneySchema = z
  .strictObject({
    amount: z.number().int('must be an integer number of minor units').min(0).refine(Number.isSafeInteger, 'is too large'),
    currency: z.string().refine(isCurrencyCode, 'is not an ISO 4217 currency code'),
  })
  .meta({ id: 'Money', description: 'An amount in integer minor units (CNY: fen) and its ISO 4217 currency' });
