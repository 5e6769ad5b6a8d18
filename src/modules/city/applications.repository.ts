import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { afterCreatedAt, type CreatedAtKeyset } from '../../db/keyset.js';
import { voucherApplications, type ApplicationStatus, type VoucherApplicationRow } from '../../db/schema/city.js';

export interface ApplicationsFilter {
  enterpriseId?: string;
  districts?: string[];
  programId?: string;
  status?: ApplicationStatus;
  after?: CreatedAtKeyset;
}

@Injectable()
export class ApplicationsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: typeof voucherApplications.$inferInsert): Promise<VoucherApplicationRow> {
    const [created] = await tx.insert(voucherApplications).values(row).returning();
    return created!;
  }

  async find(id: string): Promise<VoucherApplicationRow | undefined> {
    const [row] = await this.db.select().from(voucherApplications).where(eq(voucherApplications.id, id));
    return row;
  }

  /** Decides a pending application; undefined when it was decided meanwhile. */
  async decide(
    tx: DbOrTx,
    id: string,
    decision: { status: 'approved' | 'rejected'; voucherId?: string; reason?: string; decidedBy: string; decidedAt: Date },
  ): Promise<VoucherApplicationRow | undefined> {
    const [row] = await tx
      .update(voucherApplications)
      .set({
        status: decision.status,
        voucherId: decision.voucherId ?? null,
        reason: decision.reason ?? null,
        decidedBy: decision.decidedBy,
        decidedAt: decision.decidedAt,
      })
      .where(and(eq(voucherApplications.id, id), eq(voucherApplications.status, 'pending')))
      .returning();
    return row;
  }

  async list(filter: ApplicationsFilter, limit: number): Promise<VoucherApplicationRow[]> {
    return this.db
      .select()
      .from(voucherApplications)
      .where(
        and(
          filter.enterpriseId ? eq(voucherApplications.enterpriseId, filter.enterpriseId) : undefined,
          filter.districts ? inArray(voucherApplications.district, filter.districts) : undefined,
          filter.programId ? eq(voucherApplications.programId, filter.programId) : undefined,
          filter.status ? eq(voucherApplications.status, filter.status) : undefined,
          afterCreatedAt(voucherApplications, filter.after),
        ),
      )
      .orderBy(asc(voucherApplications.createdAt), asc(voucherApplications.id))
      .limit(limit + 1);
  }

  /**
   * Marks pending applications received before `before` as flagged, each once: the conditional
   * update is the guarantee, so concurrent sweeps flag a row once between them.
   */
  async flagOverdue(tx: DbOrTx, before: Date, now: Date, limit: number): Promise<VoucherApplicationRow[]> {
    const due = await tx
      .select({ id: voucherApplications.id })
      .from(voucherApplications)
      .where(and(eq(voucherApplications.status, 'pending'), isNull(voucherApplications.slaFlaggedAt), lt(voucherApplications.createdAt, before)))
      .orderBy(asc(voucherApplications.createdAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(voucherApplications)
      .set({ slaFlaggedAt: now })
      .where(
        and(
          inArray(
            voucherApplications.id,
            due.map((r) => r.id),
          ),
          isNull(voucherApplications.slaFlaggedAt),
        ),
      )
      .returning();
  }
}
