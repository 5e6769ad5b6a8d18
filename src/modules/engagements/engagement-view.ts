import type { EngagementRow } from '../../db/schema/engagements.js';
import type { EngagementView, PaymentView } from './engagements.schemas.js';
import { moneyIn } from '../../../libs/money/index.js';

export function toEngagementView(row: EngagementRow, payment: PaymentView | null = null): EngagementView {
  const money = moneyIn(row.currency);
  return {
    id: row.id,
    requestId: row.requestId,
    providerId: row.providerId,
    enterpriseId: row.enterpriseId,
    price: money(row.price),
    subsidy: row.subsidy === null ? null : money(row.subsidy),
    subsidyPayee: row.subsidyPayee === null ? null : { type: row.subsidyPayee, id: row.subsidyPayee === 'provider' ? row.providerId : row.enterpriseId },
    enterpriseShare: money(row.enterpriseShare),
    status: row.status,
    payment,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    invoiceNumber: row.invoiceNumber,
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    subsidyLapsedAt: row.subsidyLapsedAt?.toISOString() ?? null,
    rating: row.rating === null ? null : { score: row.rating, comment: row.ratingComment ?? '', ratedAt: row.ratedAt!.toISOString() },
    dispute: row.disputeStatus === null ? null : { status: row.disputeStatus, reason: row.disputeReason ?? '', by: row.disputedBy ?? '' },
    createdAt: row.createdAt.toISOString(),
  };
}
