import { escrowBalances, type EscrowMove } from '../../../libs/escrow/index.js';
import { moneyIn } from '../../../libs/money/index.js';
import type { MilestoneDisputeRow, MilestoneRow } from '../../db/schema/payments.js';
import type { FileView } from '../files/files.schemas.js';
import type { MilestoneList } from './milestones.schemas.js';

export function toMilestoneList(
  engagementId: string,
  rows: MilestoneRow[],
  disputes: MilestoneDisputeRow[],
  moves: EscrowMove[],
  files: Map<string, FileView[]> = new Map(),
): MilestoneList {
  const currency = rows[0]?.currency ?? 'CNY';
  const money = moneyIn(currency);
  const balances = escrowBalances(moves);
  const disputeOf = new Map(disputes.map((d) => [d.milestoneN, d]));
  return {
    engagementId,
    milestones: rows.map((m) => {
      const d = disputeOf.get(m.n);
      return {
        n: m.n,
        title: m.title,
        amount: money(m.amount),
        due: money(m.due),
        status: m.status,
        method: m.rail ?? null,
        released: money(m.released),
        refunded: money(m.refunded),
        fundedAt: m.fundedAt?.toISOString() ?? null,
        deliveredAt: m.deliveredAt?.toISOString() ?? null,
        autoReleaseAt: m.status === 'delivered' ? (m.autoReleaseAt?.toISOString() ?? null) : null,
        dispute: d
          ? {
              status: d.status,
              openedBy: d.openedBy,
              reason: d.reason,
              proposal:
                d.release === null || d.refund === null
                  ? null
                  : { release: money(d.release), refund: money(d.refund), by: d.proposedBy ?? '', at: d.proposedAt!.toISOString() },
              acceptedBy: [...(d.enterpriseAcceptedAt ? ['enterprise' as const] : []), ...(d.providerAcceptedAt ? ['provider' as const] : [])],
              settled: (d.settledHow as 'accepted' | 'decided' | null) ?? null,
              id: d.id,
              files: files.get(d.id) ?? [],
            }
          : null,
      };
    }),
    escrow: { held: money(balances.held), released: money(balances.released), refunded: money(balances.refunded) },
  };
}
