import type { BidRow } from '../../db/schema/bids.js';
import type { VoucherQuote } from '../subsidies/vouchers.schemas.js';
import { convertDown } from '../../../libs/money/index.js';
import type { LockedRate } from '../subsidies/fx-rates.service.js';
import type { BidView } from './bids.schemas.js';

/** A bid in another currency at today's rate (null when the table has none fresh: an award would be refused). */
export function cnyEquivalent(row: BidRow, rate: LockedRate | null): BidView['cnyEquivalent'] {
  if (!rate) return null;
  return { price: { amount: convertDown(row.price, rate.rate), currency: 'CNY' }, cnyPerUnit: rate.rate.perUnit, rateDate: rate.date, source: rate.source };
}

/** `quotes`: for the enterprise, what each of its applicable vouchers would make of this bid. */
export function toBidView(row: BidRow, quotes?: VoucherQuote[], inCny?: BidView['cnyEquivalent']): BidView {
  return {
    id: row.id,
    requestId: row.requestId,
    providerId: row.providerId,
    price: { amount: row.price, currency: row.currency },
    timelineDays: row.timelineDays,
    proposal: row.proposal,
    milestones: row.milestones as BidView['milestones'],
    status: row.status,
    ...(quotes ? { costAfterSubsidy: quotes } : {}),
    ...(inCny !== undefined ? { cnyEquivalent: inCny } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}
