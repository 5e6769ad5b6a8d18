import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { DB, SQL } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { isoInstant } from '../../db/iso-instant.js';
import { reconciliationRuns, settlements, type SettlementRow } from '../../db/schema/reconciliation.js';

export interface SettlementLine {
  payee_type: 'provider' | 'enterprise';
  payee_id: string;
  payee_name: string;
  engagements: number;
  amount: string;
}

export interface SettledEngagement {
  payee_type: 'provider' | 'enterprise';
  payee_id: string;
  payee_name: string;
  engagement_id: string;
  claim_id: string;
  amount: string;
}

/** A position in a settlement's engagements: per payee, in the order their claims were made. */
export interface EngagementKey {
  payeeType: string;
  payeeId: string;
  claimCreatedAt: string;
  claimId: string;
}

const ROWS_PER_FETCH = 2000;
const EXPORT_IDLE_LIMIT = '300s';

/** The payee's name beside each line, read with the line (providers and enterprises tables). */
const LINES_WITH_NAMES = `
  select l.payee_type, l.payee_id, coalesce(pr.name, en.name, '') as payee_name, l.engagements, l.amount::text as amount
  from settlement_lines l
  left join providers pr on l.payee_type = 'provider' and pr.id = l.payee_id
  left join enterprises en on l.payee_type = 'enterprise' and en.id = l.payee_id
  where l.settlement_id = $1`;

/**
 * Settlements as users see them: only once their run has ended (batches file approved claims into
 * a run's settlement while it runs). Large reads are streamed with a server-side cursor.
 */
@Injectable()
export class SettlementsRepository {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(SQL) private readonly sql: postgres.Sql,
  ) {}

  private get ended() {
    return inArray(
      settlements.runId,
      this.db
        .select({ id: reconciliationRuns.id })
        .from(reconciliationRuns)
        .where(inArray(reconciliationRuns.status, ['completed', 'failed'])),
    );
  }

  async find(id: string): Promise<SettlementRow | undefined> {
    const [row] = await this.db
      .select()
      .from(settlements)
      .where(and(eq(settlements.id, id), this.ended));
    return row;
  }

  /** Settlements of ended runs among these ids (a claim's settlement is hidden while its run is under way). */
  async endedByIds(ids: string[]): Promise<SettlementRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(settlements)
      .where(and(inArray(settlements.id, ids), this.ended));
  }

  async lock(tx: DbOrTx, id: string): Promise<SettlementRow | undefined> {
    const [row] = await tx.select().from(settlements).where(eq(settlements.id, id)).for('update');
    return row;
  }

  async markPaid(tx: DbOrTx, id: string, paidAt: Date, reference: string): Promise<SettlementRow> {
    const [row] = await tx.update(settlements).set({ status: 'paid', paidAt, reference }).where(eq(settlements.id, id)).returning();
    return row!;
  }

  async ofProgram(programId: string): Promise<SettlementRow[]> {
    return this.db
      .select()
      .from(settlements)
      .where(and(eq(settlements.programId, programId), this.ended))
      .orderBy(desc(settlements.createdAt))
      .limit(100);
  }

  async lines(settlementId: string): Promise<SettlementLine[]> {
    return [...(await this.sql.unsafe<SettlementLine[]>(`${LINES_WITH_NAMES} order by l.payee_type, l.payee_id`, [settlementId]))];
  }

  /** Every line, handed to `onRows` a fetch at a time. */
  async streamLines(settlementId: string, onRows: (rows: SettlementLine[]) => Promise<boolean>): Promise<void> {
    await this.stream<SettlementLine>(`${LINES_WITH_NAMES} order by l.payee_type, l.payee_id`, [settlementId], onRows);
  }

  /** Every engagement behind the settlement, in payee then engagement order, a fetch at a time. */
  async streamEngagements(settlementId: string, onRows: (rows: SettledEngagement[]) => Promise<boolean>): Promise<void> {
    const query = `
      select e.payee_type, e.payee_id, n.payee_name, e.engagement_id, e.claim_id, e.amount::text as amount
      from settlement_engagements e
      join (${LINES_WITH_NAMES}) n on n.payee_type = e.payee_type and n.payee_id = e.payee_id
      where e.settlement_id = $1
      order by e.payee_type, e.payee_id, e.claim_created_at, e.claim_id`;
    await this.stream<SettledEngagement>(query, [settlementId], onRows);
  }

  /**
   * A server-side cursor in a read-only transaction of its own. An export of a million rows
   * outlasts the pool's statement_timeout (the cursor is one statement until its last fetch), so
   * the transaction lifts it; a client that stops reading for EXPORT_IDLE_LIMIT is cut off.
   * `onRows` returns false to stop early (the client went away).
   */
  private async stream<T>(query: string, params: string[], onRows: (rows: T[]) => Promise<boolean>): Promise<void> {
    await this.sql.begin('read only', async (tx) => {
      await tx`select set_config('statement_timeout', '0', true), set_config('idle_in_transaction_session_timeout', ${EXPORT_IDLE_LIMIT}, true)`;
      for await (const rows of tx.unsafe<T[]>(query, params).cursor(ROWS_PER_FETCH)) {
        if (!(await onRows([...rows]))) break;
      }
    });
  }

  /** A page of the engagements behind the settlement (of one payee if given), after `after`. */
  async engagements(settlementId: string, filter: { payeeId?: string; after?: EngagementKey }, limit: number) {
    const after = filter.after;
    return this.db.execute<{ payee_type: string; payee_id: string; engagement_id: string; claim_id: string; claimed_at: string; amount: string }>(sql`
      select payee_type, payee_id, engagement_id, claim_id, ${isoInstant('claim_created_at')} as claimed_at, amount::text as amount
      from settlement_engagements
      where settlement_id = ${settlementId}
        ${filter.payeeId ? sql`and (payee_type, payee_id) in (select payee_type, payee_id from settlement_lines where settlement_id = ${settlementId} and payee_id = ${filter.payeeId})` : sql``}
        ${after ? sql`and (payee_type, payee_id, claim_created_at, claim_id) > (${after.payeeType}, ${after.payeeId}::uuid, ${after.claimCreatedAt}::timestamptz, ${after.claimId}::uuid)` : sql``}
      order by payee_type, payee_id, claim_created_at, claim_id
      limit ${limit + 1}`);
  }
}
