import type { BidRow } from '../../db/schema/index.js';
import type { BidView } from './bids.schemas.js';

export function toBidView(row: BidRow, forEnterprise = false): BidView {
  return {
    id: row.id,
    requestId: row.requestId,
    providerId: row.providerId,
    price: { amount: row.price, currency: row.currency },
    timelineDays: row.timelineDays,
    proposal: row.proposal,
    milestones: row.milestones as BidView['milestones'],
    status: row.status,
    // The enterprise's cost after its vouchers; no voucher applies until vouchers exist.
    ...(forEnterprise ? { costAfterSubsidy: null } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}
