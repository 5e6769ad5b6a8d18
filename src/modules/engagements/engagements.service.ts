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
    enterpriseShare: money(row.enterpriseShare),
    status: row.status,
    payment: null,
    createdAt: row.createdAt.toISOString(),
  };
}

const OPEN_STATUSES = ['awaiting_payment', 'in_progress', 'delivered', 'disputed'] as const;

export interface OpenEngagement {
  requestId: string;
  bidId: string;
  providerId: string;
  enterpriseId: string;
  currency: string;
  price: number;
}

@Injectable()
export class EngagementsService {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** For the award: an engagement awaiting payment, in the award's transaction (no subsidy until vouchers). */
  async open(tx: DbOrTx, input: OpenEngagement): Promise<EngagementRow> {
    const [row] = await tx.insert(engagements).values({ ...input, subsidy: null, enterpriseShare: input.price }).returning();
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
