import { Inject, Injectable } from '@nestjs/common';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Caller } from '../../common/auth/caller.js';
import { visibleTo } from '../../common/auth/tenancy.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { engagements, type EngagementRow } from '../../db/schema/index.js';
import type { EngagementView } from './engagements.schemas.js';

export function toEngagementView(row: EngagementRow): EngagementView {
  const money = (amount: number) => ({ amount, currency: row.currency });
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
    payment: null,
    createdAt: row.createdAt.toISOString(),
  };
}

const OPEN_STATUSES = ['awaiting_payment', 'in_progress', 'delivered', 'disputed'] as const;

export interface OpenEngagement {
  id: string;
  requestId: string;
  bidId: string;
  providerId: string;
  enterpriseId: string;
  currency: string;
  price: number;
  /** The voucher's subsidy and who redeems it, if the award used one. */
  redemption: { subsidy: number; payee: 'provider' | 'enterprise' } | null;
}

@Injectable()
export class EngagementsService {
  constructor(@Inject(DB) private readonly db: Database) {}

  /**
   * For the award: an engagement awaiting payment, in the award's transaction. The enterprise
   * pays price − subsidy when the provider redeems the subsidy (通兑), the full price when the
   * enterprise is reimbursed itself (通用).
   */
  async open(tx: DbOrTx, input: OpenEngagement): Promise<EngagementRow> {
    const { redemption, ...fields } = input;
    const enterpriseShare = redemption?.payee === 'provider' ? input.price - redemption.subsidy : input.price;
    const [row] = await tx
      .insert(engagements)
      .values({ ...fields, subsidy: redemption?.subsidy ?? null, subsidyPayee: redemption?.payee ?? null, enterpriseShare })
      .returning();
    return row!;
  }

  /** For matching: how many engagements each provider has open (not completed or cancelled). */
  async openCounts(tx: DbOrTx, providerIds: string[]): Promise<Map<string, number>> {
    if (providerIds.length === 0) return new Map();
    const rows = await tx
      .select({ providerId: engagements.providerId, n: count() })
      .from(engagements)
      .where(and(inArray(engagements.providerId, providerIds), inArray(engagements.status, OPEN_STATUSES)))
      .groupBy(engagements.providerId);
    return new Map(rows.map((row) => [row.providerId, row.n]));
  }

  /** Its enterprise, its provider and admins. */
  async get(caller: Caller, id: string): Promise<EngagementView> {
    const [row] = await this.db.select().from(engagements).where(eq(engagements.id, id));
    return toEngagementView(visibleTo(caller, row, (r) => caller.org === r.enterpriseId || caller.org === r.providerId));
  }
}
