import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { subsidyClaims, type SubsidyClaimRow } from '../../db/schema/index.js';

export interface ClaimVerdict {
  claimId: string;
  groupKey: string;
  status: 'approved' | 'rejected';
  approvedAmount: number | null;
  released: number;
}

/** Claims for set-based reconciliation: each call is one statement over a batch. */
@Injectable()
export class ClaimsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async countCommitted(programId: string): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(subsidyClaims).where(and(eq(subsidyClaims.programId, programId), eq(subsidyClaims.status, 'committed')));
    return row!.n;
  }

  async committedAfter(tx: DbOrTx, programId: string, after: string | null, limit: number): Promise<SubsidyClaimRow[]> {
    return tx
      .select()
      .from(subsidyClaims)
      .where(and(eq(subsidyClaims.programId, programId), eq(subsidyClaims.status, 'committed'), after ? gt(subsidyClaims.id, after) : undefined))
      .orderBy(asc(subsidyClaims.id))
      .limit(limit);
  }

  /** Of these claims, those whose invoice was claimed earlier in another programme (and not rejected there). */
  async claimedElsewhere(tx: DbOrTx, claimIds: string[]): Promise<Set<string>> {
    if (claimIds.length === 0) return new Set();
    const rows = await tx.execute<{ id: string }>(sql`
      select c.id from ${subsidyClaims} c
      where c.id in (select (jsonb_array_elements_text(${JSON.stringify(claimIds)}::jsonb))::uuid)
        and c.invoice_key is not null
        and exists (select 1 from ${subsidyClaims} o
                    where o.invoice_key = c.invoice_key and o.program_id <> c.program_id and o.status <> 'rejected'
                      and (o.created_at, o.id) < (c.created_at, c.id))`);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Auditors' flags: a subsidy within 1% under the cap; the same provider and enterprise just
   * under it more than once; one invoice on several claims; a group claiming in several districts.
   * A flag over several claims lists the first 20 behind it (`claimsBehind`), for the auditor to open.
   */
  async anomalies(tx: DbOrTx, programId: string, cap: number): Promise<{ kind: string; detail: Record<string, unknown> }[]> {
    const nearCap = sql`c.amount >= ${Math.ceil(cap * 0.99)} and c.amount < ${cap}`;
    const behind = sql`jsonb_path_query_array(jsonb_agg(jsonb_build_object('claimId', c.id, 'engagementId', c.engagement_id, 'programId', c.program_id, 'amount', c.amount) order by c.id), '$[0 to 19]')`;
    const rows = await tx.execute<{ kind: string; detail: Record<string, unknown> }>(sql`
      select 'near_cap' as kind, jsonb_build_object('claimId', c.id, 'engagementId', c.engagement_id, 'amount', c.amount, 'cap', ${cap}::bigint) as detail
        from ${subsidyClaims} c where c.program_id = ${programId} and ${nearCap}
      union all
      select 'repeated_near_cap_pair', jsonb_build_object('providerId', c.provider_id, 'enterpriseId', c.enterprise_id, 'claims', count(*), 'claimsBehind', ${behind})
        from ${subsidyClaims} c where c.program_id = ${programId} and ${nearCap}
        group by c.provider_id, c.enterprise_id having count(*) > 1
      union all
      select 'invoice_reused', jsonb_build_object('invoiceKey', c.invoice_key, 'claims', count(*), 'programmes', count(distinct c.program_id), 'claimsBehind', ${behind})
        from ${subsidyClaims} c
        where c.invoice_key in (select invoice_key from ${subsidyClaims} where program_id = ${programId} and invoice_key is not null)
        group by c.invoice_key having count(*) > 1
      union all
      select 'group_in_several_districts', jsonb_build_object('groupKey', c.group_key, 'districts', array_agg(distinct p.district), 'claimsBehind', ${behind})
        from ${subsidyClaims} c join programs p on p.id = c.program_id
        where c.group_key in (select group_key from ${subsidyClaims} where program_id = ${programId})
        group by c.group_key having count(distinct p.district) > 1`);
    return [...rows];
  }

  async setInvoice(tx: DbOrTx, engagementId: string, invoiceKey: string): Promise<void> {
    await tx.update(subsidyClaims).set({ invoiceKey }).where(eq(subsidyClaims.engagementId, engagementId));
  }

  /**
   * Applies a batch's verdicts to the claims and releases to their groups, in two statements.
   * Approved money is put into the run's settlement at once, so building it needs no second pass.
   */
  async applyVerdicts(tx: DbOrTx, programId: string, verdicts: ClaimVerdict[], settlementId: string): Promise<void> {
    if (verdicts.length === 0) return;
    const rows = JSON.stringify(verdicts.map((v) => ({ id: v.claimId, s: v.status, a: v.approvedAmount })));
    await tx.execute(sql`
      update ${subsidyClaims} c set status = v.s, approved_amount = v.a,
             settlement_id = case when v.s = 'approved' and v.a > 0 then ${settlementId}::uuid end
      from jsonb_to_recordset(${rows}::jsonb) as v(id uuid, s text, a bigint)
      where c.id = v.id and c.status = 'committed'`);
    const released = new Map<string, number>();
    for (const v of verdicts) if (v.released > 0) released.set(v.groupKey, (released.get(v.groupKey) ?? 0) + v.released);
    if (released.size === 0) return;
    await tx.execute(sql`
      update subsidy_group_usage g set granted = g.granted - r.a
      from jsonb_to_recordset(${JSON.stringify([...released].map(([k, a]) => ({ k, a })))}::jsonb) as r(k text, a bigint)
      where g.program_id = ${programId} and g.group_key = r.k`);
  }

  /** The settlement's claims per payee. */
  async linesOf(tx: DbOrTx, settlementId: string) {
    return tx
      .select({
        payeeType: subsidyClaims.payeeType,
        payeeId: subsidyClaims.payeeId,
        engagements: sql<number>`count(*)::int`,
        amount: sql<number>`sum(${subsidyClaims.approvedAmount})::bigint`.mapWith(Number),
      })
      .from(subsidyClaims)
      .where(eq(subsidyClaims.settlementId, settlementId))
      .groupBy(subsidyClaims.payeeType, subsidyClaims.payeeId)
      .orderBy(subsidyClaims.payeeType, subsidyClaims.payeeId);
  }

  /** Approved claims left outside any settlement (by a run that failed for good) join this one. */
  /** The engagements behind each payee's line, read when a settlement is shown. */
  async engagementsOf(settlementId: string): Promise<{ payeeType: string; payeeId: string; engagementId: string }[]> {
    return this.db
      .select({ payeeType: subsidyClaims.payeeType, payeeId: subsidyClaims.payeeId, engagementId: subsidyClaims.engagementId })
      .from(subsidyClaims)
      .where(eq(subsidyClaims.settlementId, settlementId))
      .orderBy(subsidyClaims.engagementId);
  }

  async adoptOrphans(tx: DbOrTx, programId: string, settlementId: string): Promise<void> {
    await tx.execute(sql`
      update ${subsidyClaims} c set settlement_id = ${settlementId}
      where c.program_id = ${programId} and c.status = 'approved' and c.approved_amount > 0
        and c.settlement_id is distinct from ${settlementId}::uuid
        and (c.settlement_id is null or not exists (select 1 from settlements s where s.id = c.settlement_id))`);
  }

  async markPaid(tx: DbOrTx, settlementId: string): Promise<void> {
    await tx.update(subsidyClaims).set({ status: 'paid' }).where(and(eq(subsidyClaims.settlementId, settlementId), eq(subsidyClaims.status, 'approved')));
  }
}
