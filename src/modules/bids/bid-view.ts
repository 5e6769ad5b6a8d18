import type { BidRow } from '../../db/schema/bids.js';
import type { VoucherQuote } from '../subsidies/vouchers.schemas.js';
import type { BidView } from './bids.schemas.js';

/** `quotes`: for the enterprise, what each of its applicable vouchers would make of this bid. */
export function toBidView(row: BidRow, quotes?: VoucherQuote[]): BidView {
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
    createdAt: row.createdAt.toISOString(),
  };
}
