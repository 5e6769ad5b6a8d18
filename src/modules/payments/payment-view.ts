import type { PaymentRow } from '../../db/schema/payments.js';
import type { MilestoneSummary, PaymentView } from '../engagements/engagements.schemas.js';
import { moneyIn } from '../../../libs/money/index.js';

export function toPaymentView(row: PaymentRow, milestones: MilestoneSummary | null = null): PaymentView {
  const money = moneyIn(row.currency);
  return {
    id: row.id,
    method: row.method,
    status: row.status,
    amount: money(row.amount),
    received: money(row.received),
    refunded: money(row.refunded),
    ...(row.reference ? { reference: row.reference } : {}),
    ...(row.stripePaymentIntentId ? { stripePaymentIntentId: row.stripePaymentIntentId } : {}),
    milestones: row.byMilestones ? milestones : null,
  };
}
