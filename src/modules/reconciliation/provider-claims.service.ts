import { Injectable } from '@nestjs/common';
import { moneyIn } from '../../../libs/money/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { createdAtCursor, createdAtKey, decodeCursor, toPage, type Page } from '../../common/http/pagination.js';
import type { SettlementRow } from '../../db/schema/reconciliation.js';
import type { SubsidyClaimRow } from '../../db/schema/subsidies.js';
import { ClaimsService } from '../subsidies/claims.service.js';
import type { ListClaimsQuery, ProviderClaimView } from './reconciliation.schemas.js';
import { SettlementsRepository } from './settlements.repository.js';

function toProviderClaimView(row: SubsidyClaimRow, settlement: SettlementRow | undefined): ProviderClaimView {
  const money = moneyIn(row.currency);
  return {
    id: row.id,
    programId: row.programId,
    engagementId: row.engagementId,
    enterpriseId: row.enterpriseId,
    price: money(row.price),
    amount: money(row.amount),
    approvedAmount: row.approvedAmount === null ? null : money(row.approvedAmount),
    status: row.status,
    reconciliation: row.status === 'committed' ? 'awaiting' : row.status === 'rejected' ? 'rejected' : 'approved',
    runId: settlement?.runId ?? null,
    settlement: settlement
      ? { id: settlement.id, status: settlement.status, paidAt: settlement.paidAt?.toISOString() ?? null, reference: settlement.reference }
      : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The subsidies owed to a provider under provider redemption (通兑, docs/product.md): each claim
 * with what reconciliation decided and the settlement that pays it (issue 25).
 */
@Injectable()
export class ProviderClaimsService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly settlements: SettlementsRepository,
  ) {}

  async list(caller: Caller, query: ListClaimsQuery): Promise<Page<ProviderClaimView>> {
    const after = decodeCursor(query.cursor, createdAtCursor);
    const rows = await this.claims.ofProviderPayee({ providerId: caller.org, status: query.status, after }, query.limit);
    const settlementIds = [...new Set(rows.flatMap((r) => (r.settlementId ? [r.settlementId] : [])))];
    const settlements = new Map((await this.settlements.endedByIds(settlementIds)).map((s) => [s.id, s]));
    return toPage(rows, query.limit, (r) => toProviderClaimView(r, r.settlementId ? settlements.get(r.settlementId) : undefined), createdAtKey);
  }
}
