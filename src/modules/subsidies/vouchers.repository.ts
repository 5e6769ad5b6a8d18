import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { KeyedBatcher, type Settled } from '../../../libs/batching/index.js';
import { DB, SQL } from '../../db/db.module.js';
import { afterCreatedAt, type CreatedAtKeyset } from '../../db/keyset.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { UNIQUE_VIOLATION, pgErrorOf } from '../../db/pg-error.js';
import { retryOnConflict } from '../../db/retry-on-conflict.js';
import {
  groupUsage,
  programAlerts,
  programs,
  subsidyClaims,
  vouchers,
  type GroupUsageRow,
  type ProgramAlertRow,
  type ProgramRow,
  type SubsidyClaimRow,
  type VoucherRow,
  type VoucherStatus,
} from '../../db/schema/subsidies.js';

export interface IssueStatement {
  voucher: { id: string; programId: string; enterpriseId: string; currency: string; faceValue: number; expiresAt: Date };
  cap: number;
  /** The district the enterprise must be in (the programme's in_district rule), else null. */
  district: string | null;
  posting: { key: string; kind: string; fingerprint: string; moves: { from_account: string; to_account: string; amount: number }[] };
  audit: Record<string, unknown>;
  outbox: { queue: string; name: string; payload: Record<string, unknown> };
}

const ISSUE_BATCH = 'select ord, refused, detail, constraint_name, voucher from voucher_issue_batch($1::jsonb) order by ord';

type IssueOutcome = VoucherRow | 'cap' | { refused: 'no_enterprise' } | { refused: 'district'; district: string };
interface BatchRow {
  ord: number;
  refused: string | null;
  detail: string | null;
  constraint_name: string | null;
  voucher: Record<string, unknown> | null;
}

function batchItem(input: IssueStatement) {
  const { voucher: v } = input;
  return {
    ...v,
    expiresAt: v.expiresAt.toISOString(),
    district: input.district,
    cap: input.cap,
    posting: input.posting,
    audit: input.audit,
    outbox: input.outbox,
  };
}

/** A batch item's answer, as the single statement would have given it (a refused budget as Postgres's own error). */
function outcomeOf(row: BatchRow): Settled<IssueOutcome> {
  if (row.voucher) return { value: voucherOf(row.voucher) };
  if (row.refused === 'cap') return { value: 'cap' };
  if (row.refused === 'SWE01') return { value: { refused: 'no_enterprise' } };
  if (row.refused === 'SWE02') return { value: { refused: 'district', district: row.detail ?? '' } };
  return { error: Object.assign(new Error(row.detail ?? 'refused'), { code: row.refused, constraint_name: row.constraint_name }) };
}

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/** A vouchers row, from the statement or from the batch's jsonb (snake_case either way). */
function voucherOf(row: Record<string, unknown>): VoucherRow {
  return {
    id: row.id as string,
    programId: row.program_id as string,
    enterpriseId: row.enterprise_id as string,
    groupKey: row.group_key as string,
    currency: row.currency as string,
    faceValue: Number(row.face_value),
    used: Number(row.used),
    status: row.status as VoucherStatus,
    expiresAt: new Date(row.expires_at as string),
    releasedAt: row.released_at ? new Date(row.released_at as string) : null,
    createdAt: new Date(row.created_at as string),
  };
}

const ISSUE = `select * from voucher_issue_for_enterprise($1::uuid, $2::uuid, $3::uuid, $4::text, $5::text, $6::bigint, $7::timestamptz,
  $8::bigint, $9::jsonb, $10::jsonb, $11::jsonb)`;

@Injectable()
export class VouchersRepository {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(SQL) private readonly sql: postgres.Sql,
  ) {}

  async insertProgram(tx: DbOrTx, row: typeof programs.$inferInsert): Promise<ProgramRow> {
    const [created] = await tx.insert(programs).values(row).returning();
    return created!;
  }

  async findProgram(id: string, tx: DbOrTx = this.db): Promise<ProgramRow | undefined> {
    const [row] = await tx.select().from(programs).where(eq(programs.id, id));
    return row;
  }

  async alertOf(programId: string): Promise<ProgramAlertRow | undefined> {
    const [row] = await this.db.select().from(programAlerts).where(eq(programAlerts.programId, programId));
    return row;
  }

  async setAlert(programId: string, availableBelow: number): Promise<ProgramAlertRow> {
    const [row] = await this.db
      .insert(programAlerts)
      .values({ programId, availableBelow })
      .onConflictDoUpdate({ target: programAlerts.programId, set: { availableBelow, alertedAt: null, updatedAt: new Date() } })
      .returning();
    return row!;
  }

  async allAlerts(): Promise<ProgramAlertRow[]> {
    return this.db.select().from(programAlerts);
  }

  /** Marks the alert sent (or re-armed with null), unless another sweep already did. */
  async markAlert(tx: DbOrTx, programId: string, alertedAt: Date | null): Promise<boolean> {
    const rows = await tx
      .update(programAlerts)
      .set({ alertedAt })
      .where(and(eq(programAlerts.programId, programId), alertedAt ? isNull(programAlerts.alertedAt) : isNotNull(programAlerts.alertedAt)))
      .returning({ id: programAlerts.programId });
    return rows.length > 0;
  }

  async programIds(): Promise<string[]> {
    return (await this.db.select({ id: programs.id }).from(programs).orderBy(asc(programs.createdAt))).map((r) => r.id);
  }

  async programsIn(districts: string[]): Promise<ProgramRow[]> {
    if (districts.length === 0) return [];
    return this.db
      .select()
      .from(programs)
      .where(inArray(programs.district, districts))
      .orderBy(asc(programs.district), asc(programs.createdAt), asc(programs.id));
  }

  /** `openAt`: only programmes not over at that time (the public list: running or about to start). */
  async listPrograms(filter: { district?: string; after?: CreatedAtKeyset; openAt?: Date }, limit: number): Promise<ProgramRow[]> {
    return this.db
      .select()
      .from(programs)
      .where(
        and(
          filter.district ? eq(programs.district, filter.district) : undefined,
          filter.openAt ? gt(programs.validTo, filter.openAt) : undefined,
          afterCreatedAt(programs, filter.after),
        ),
      )
      .orderBy(asc(programs.createdAt), asc(programs.id))
      .limit(limit + 1);
  }

  async insertVoucher(tx: DbOrTx, row: typeof vouchers.$inferInsert): Promise<VoucherRow> {
    const [created] = await tx.insert(vouchers).values(row).returning();
    return created!;
  }

  async findVoucher(id: string): Promise<VoucherRow | undefined> {
    const [row] = await this.db.select().from(vouchers).where(eq(vouchers.id, id));
    return row;
  }

  async lockVoucher(tx: DbOrTx, id: string): Promise<VoucherRow | undefined> {
    const [row] = await tx.select().from(vouchers).where(eq(vouchers.id, id)).for('update');
    return row;
  }

  async listVouchers(
    filter: { enterpriseId?: string; districts?: string[]; programId?: string; status?: VoucherStatus; after?: CreatedAtKeyset },
    limit: number,
  ): Promise<VoucherRow[]> {
    const inDistrict = filter.districts
      ? inArray(vouchers.programId, this.db.select({ id: programs.id }).from(programs).where(inArray(programs.district, filter.districts)))
      : undefined;
    return this.db
      .select()
      .from(vouchers)
      .where(
        and(
          filter.enterpriseId ? eq(vouchers.enterpriseId, filter.enterpriseId) : undefined,
          filter.programId ? eq(vouchers.programId, filter.programId) : undefined,
          filter.status ? eq(vouchers.status, filter.status) : undefined,
          inDistrict,
          afterCreatedAt(vouchers, filter.after),
        ),
      )
      .orderBy(asc(vouchers.createdAt), asc(vouchers.id))
      .limit(limit + 1);
  }

  /** An enterprise's spendable vouchers at `now`, with their programmes. */
  async liveVouchersOf(enterpriseId: string, now: Date, tx: DbOrTx = this.db): Promise<{ voucher: VoucherRow; program: ProgramRow }[]> {
    return tx
      .select({ voucher: vouchers, program: programs })
      .from(vouchers)
      .innerJoin(programs, eq(programs.id, vouchers.programId))
      .where(and(eq(vouchers.enterpriseId, enterpriseId), eq(vouchers.status, 'active'), gt(vouchers.expiresAt, now)))
      .orderBy(asc(vouchers.createdAt), asc(vouchers.id));
  }

  async setVoucherUsed(tx: DbOrTx, id: string, used: number, status: VoucherStatus): Promise<void> {
    await tx.update(vouchers).set({ used, status }).where(eq(vouchers.id, id));
  }

  async releaseVoucher(tx: DbOrTx, id: string, status: 'revoked' | 'expired', at: Date): Promise<VoucherRow> {
    const [row] = await tx.update(vouchers).set({ status, releasedAt: at }).where(eq(vouchers.id, id)).returning();
    return row!;
  }

  /** Active vouchers past their expiry, locked and skipped by concurrent sweeps. */
  async lockExpiredVouchers(tx: DbOrTx, now: Date, limit: number): Promise<VoucherRow[]> {
    return tx
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.status, 'active'), lte(vouchers.expiresAt, now)))
      .orderBy(asc(vouchers.expiresAt))
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /**
   * The whole issue in one statement and one round trip (voucher_issue_for_enterprise, migration
   * 0090): the enterprise's group and district, the group-cap upsert, the voucher, its posting,
   * the audit entry and the outbox row. The issues of a programme that arrive while its previous
   * batch is in Postgres go together (voucher_issue_batch, migration 0320: one round trip and one
   * commit for all, each item refused alone); a lone one goes at once, as before. 'cap' when the
   * group's cap would be exceeded; an overdrawn budget fails with budget_exhausted.
   */
  issueVoucher(input: IssueStatement): Promise<IssueOutcome> {
    return this.issues.submit(input.voucher.programId, input);
  }

  private readonly issues = new KeyedBatcher<IssueStatement, IssueOutcome>(
    async (_programId, items) => (items.length === 1 ? [await settle(this.issueOne(items[0]!))] : this.issueBatch(items)),
    // One batch of a programme out at a time: two would hold the programme's accounts and groups' rows in opposite orders.
    { concurrency: 1 },
  );

  /**
   * Sent by postgres.js itself as a prepared statement (`unsafe`, so the pool's acquire timeout
   * applies). Run again when Postgres rolled it back for a deadlock with another process's batch.
   */
  private issueOne(input: IssueStatement): Promise<IssueOutcome> {
    return retryOnConflict(() => this.issueStatement(input));
  }

  private async issueStatement(input: IssueStatement): Promise<IssueOutcome> {
    const v = input.voucher;
    let rows: Record<string, unknown>[];
    try {
      rows = await this.sql.unsafe(ISSUE, [
        v.id,
        v.programId,
        v.enterpriseId,
        input.district,
        v.currency,
        v.faceValue,
        v.expiresAt.toISOString(),
        input.cap,
        JSON.stringify(input.posting),
        JSON.stringify(input.audit),
        JSON.stringify(input.outbox),
      ]);
    } catch (error) {
      const { code } = pgErrorOf(error);
      if (code === 'SWE01') return { refused: 'no_enterprise' };
      if (code === 'SWE02') return { refused: 'district', district: (error as Error).message };
      throw error;
    }
    return rows[0] ? voucherOf(rows[0]) : 'cap';
  }

  /** A batch that fails as a whole (a deadlock, a lost connection) is run again one item at a time. */
  private async issueBatch(items: IssueStatement[]): Promise<Settled<IssueOutcome>[]> {
    let rows: BatchRow[];
    try {
      rows = await this.sql.unsafe<BatchRow[]>(ISSUE_BATCH, [JSON.stringify(items.map(batchItem))]);
    } catch {
      const one: Settled<IssueOutcome>[] = [];
      for (const item of items) one.push(await settle(this.issueOne(item)));
      return one;
    }
    return rows.map(outcomeOf);
  }

  async lockGroup(tx: DbOrTx, programId: string, groupKey: string): Promise<GroupUsageRow | undefined> {
    const [row] = await tx
      .select()
      .from(groupUsage)
      .where(and(eq(groupUsage.programId, programId), eq(groupUsage.groupKey, groupKey)))
      .for('update');
    return row;
  }

  /** Moves the group's usage: `reserved` and `granted` change by the given deltas. */
  async shiftGroup(tx: DbOrTx, programId: string, groupKey: string, delta: { reserved: number; granted: number }): Promise<void> {
    await tx
      .update(groupUsage)
      .set({ reserved: sql`${groupUsage.reserved} + ${delta.reserved}`, granted: sql`${groupUsage.granted} + ${delta.granted}` })
      .where(and(eq(groupUsage.programId, programId), eq(groupUsage.groupKey, groupKey)));
  }

  /** What a group has been granted in each programme (unlocked: for estimates). */
  async grantedTo(groupKey: string, programIds: string[], tx: DbOrTx = this.db): Promise<Map<string, number>> {
    const rows = await tx
      .select({ programId: groupUsage.programId, granted: groupUsage.granted })
      .from(groupUsage)
      .where(and(eq(groupUsage.groupKey, groupKey), inArray(groupUsage.programId, programIds)));
    return new Map(rows.map((r) => [r.programId, r.granted]));
  }

  /** Inserts the claim, or returns 'claimed' when the purchase is already subsidised anywhere. */
  async insertClaim(tx: DbOrTx, row: typeof subsidyClaims.$inferInsert): Promise<SubsidyClaimRow | 'claimed'> {
    try {
      const [created] = await tx.insert(subsidyClaims).values(row).returning();
      return created!;
    } catch (error) {
      if (pgErrorOf(error).code === UNIQUE_VIOLATION) return 'claimed';
      throw error;
    }
  }

  async claimOfEngagement(engagementId: string): Promise<SubsidyClaimRow | undefined> {
    const [row] = await this.db.select().from(subsidyClaims).where(eq(subsidyClaims.engagementId, engagementId));
    return row;
  }
}
