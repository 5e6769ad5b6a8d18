import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { beforeCreatedAt, type CreatedAtKeyset } from '../../db/keyset.js';
import { programClaimsLock } from '../../db/program-claims-lock.js';
import { groupUsage, subsidyClaims, type ClaimStatus, type SubsidyClaimRow } from '../../db/schema/subsidies.js';

/** Claims for reconciliation's side jobs (the set-based batch itself is reconciliation's BatchRepository). */
@Injectable()
export class ClaimsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** The claims a provider redeems (provider redemption), newest first, `limit + 1` rows (subsidy_claims_provider_payee_idx). */
  async ofProviderPayee(filter: { providerId: string; status?: ClaimStatus; after?: CreatedAtKeyset }, limit: number): Promise<SubsidyClaimRow[]> {
    return this.db
      .select()
      .from(subsidyClaims)
      .where(
        and(
          eq(subsidyClaims.payeeId, filter.providerId),
          eq(subsidyClaims.payeeType, 'provider'),
          filter.status ? eq(subsidyClaims.status, filter.status) : undefined,
          beforeCreatedAt(subsidyClaims.createdAt, subsidyClaims.id, filter.after),
        ),
      )
      .orderBy(desc(subsidyClaims.createdAt), desc(subsidyClaims.id))
      .limit(limit + 1);
  }

  async countCommitted(programId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(subsidyClaims)
      .where(and(eq(subsidyClaims.programId, programId), eq(subsidyClaims.status, 'committed')));
    return row!.n;
  }

  /**
   * Auditors' flags: a subsidy within 1% under the cap; the same provider and enterprise just
   * under it more than once; one invoice on several claims; a group claiming in several districts.
   * A flag over several claims lists the first 20 behind it (`claimsBehind`), for the auditor to open.
   * Run when a reconciliation ends, over the whole programme, so each check reads only what can
   * raise it: the invoices are those the run's batches found shared with another claim
   * (`sharedInvoices`: their invoice probe reads every claim on the invoice anyway), and a group's
   * programmes are walked along the group index, a probe per programme, not over all its claims
   * (one group of 300,000 claims: 0.6 s before, 3 ms after), and the programme is read once for
   * both near-cap flags (the checks after a run of 1,000,000 claims: 1.3 s with two reads, 1.1 s
   * with one).
   */
  async anomalies(tx: DbOrTx, programId: string, cap: number, sharedInvoices: string[]): Promise<{ kind: string; detail: Record<string, unknown> }[]> {
    // The first 20 claims behind a flag, read only for the flags raised: a programme of a million
    // claims from one group must not build and sort a million-element array to find none.
    const behind = (claims: SQL, where: SQL) => sql`(
      select jsonb_agg(jsonb_build_object('claimId', b.id, 'engagementId', b.engagement_id, 'programId', b.program_id, 'amount', b.amount) order by b.id)
      from (select c.id, c.engagement_id, c.program_id, c.amount from ${claims} c where ${where} order by c.id limit 20) b)`;
    const rows = await tx.execute<{ kind: string; detail: Record<string, unknown> }>(sql`
      -- The programmes each of this programme's groups claimed in, one probe each (a group with a
      -- claim has usage in that programme: a claim redeems a voucher the group was issued there).
      with recursive group_programmes (group_key, program_id) as (
        select u.group_key, (select c.program_id from ${subsidyClaims} c where c.group_key = u.group_key order by c.program_id limit 1)
          from ${groupUsage} u where u.program_id = ${programId}
        union all
        select r.group_key, (select c.program_id from ${subsidyClaims} c where c.group_key = r.group_key and c.program_id > r.program_id order by c.program_id limit 1)
          from group_programmes r where r.program_id is not null
      ),
      -- One read of the programme's claims for both near-cap flags (few claims: a scan that keeps them).
      near_cap as materialized (
        select c.id, c.engagement_id, c.program_id, c.amount, c.provider_id, c.enterprise_id from ${subsidyClaims} c
        where c.program_id = ${programId} and c.amount >= ${Math.ceil(cap * 0.99)} and c.amount < ${cap}
      )
      select 'near_cap' as kind, jsonb_build_object('claimId', c.id, 'engagementId', c.engagement_id, 'amount', c.amount, 'cap', ${cap}::bigint) as detail
        from near_cap c
      union all
      select 'repeated_near_cap_pair', jsonb_build_object('providerId', g.provider_id, 'enterpriseId', g.enterprise_id, 'claims', g.claims,
               'claimsBehind', ${behind(sql`near_cap`, sql`c.provider_id = g.provider_id and c.enterprise_id = g.enterprise_id`)})
        from (select c.provider_id, c.enterprise_id, count(*) as claims from near_cap c group by c.provider_id, c.enterprise_id having count(*) > 1) g
      union all
      select 'invoice_reused', jsonb_build_object('invoiceKey', g.invoice_key, 'claims', g.claims, 'programmes', g.programmes,
               'claimsBehind', ${behind(sql`${subsidyClaims}`, sql`c.invoice_key = g.invoice_key`)})
        from (select c.invoice_key, count(*) as claims, count(distinct c.program_id) as programmes from ${subsidyClaims} c
              where c.invoice_key in (select jsonb_array_elements_text(${JSON.stringify(sharedInvoices)}::jsonb))
              group by c.invoice_key having count(*) > 1) g
      union all
      select 'group_in_several_districts', jsonb_build_object('groupKey', g.group_key, 'districts', g.districts, 'claimsBehind', ${behind(sql`${subsidyClaims}`, sql`c.group_key = g.group_key`)})
        from (select r.group_key, array_agg(distinct p.district) as districts from group_programmes r join programs p on p.id = r.program_id
              group by r.group_key having count(distinct p.district) > 1 and bool_or(r.program_id = ${programId})) g`);
    return [...rows];
  }

  async setInvoice(tx: DbOrTx, engagementId: string, invoiceKey: string): Promise<void> {
    await tx.update(subsidyClaims).set({ invoiceKey }).where(eq(subsidyClaims.engagementId, engagementId));
  }

  /** The engagement's claim while it is committed (read without a lock: the lapse locks in order). */
  async committedOf(tx: DbOrTx, engagementId: string): Promise<SubsidyClaimRow | undefined> {
    const [row] = await tx
      .select()
      .from(subsidyClaims)
      .where(and(eq(subsidyClaims.engagementId, engagementId), eq(subsidyClaims.status, 'committed')));
    return row;
  }

  /** A lapse holds the programme's claims alone, then the claim row, and finds it still committed or not at all. */
  async lockCommittedForLapse(tx: DbOrTx, claim: SubsidyClaimRow): Promise<SubsidyClaimRow | undefined> {
    await tx.execute(programClaimsLock(claim.programId, 'exclusive'));
    const [row] = await tx
      .select()
      .from(subsidyClaims)
      .where(and(eq(subsidyClaims.id, claim.id), eq(subsidyClaims.status, 'committed')))
      .for('update');
    return row;
  }

  /** Rejected, as reconciliation rejects: the voucher's use stays, the group's grant goes back. */
  async rejectLapsed(tx: DbOrTx, claim: SubsidyClaimRow): Promise<void> {
    await tx.update(subsidyClaims).set({ status: 'rejected' }).where(eq(subsidyClaims.id, claim.id));
    await tx
      .update(groupUsage)
      .set({ granted: sql`${groupUsage.granted} - ${claim.amount}` })
      .where(and(eq(groupUsage.programId, claim.programId), eq(groupUsage.groupKey, claim.groupKey)));
  }

  /** The district of the programme that subsidises the engagement, if any. */
  async districtOf(engagementId: string): Promise<string | null> {
    const rows = await this.db.execute<{ district: string }>(
      sql`select p.district from ${subsidyClaims} c join programs p on p.id = c.program_id where c.engagement_id = ${engagementId} limit 1`,
    );
    return rows[0]?.district ?? null;
  }

  /** The districts whose programmes hold a claim on the engagement. */
  async districtsOfEngagement(engagementId: string): Promise<string[]> {
    const rows = await this.db.execute<{ district: string }>(
      sql`select distinct p.district from subsidy_claims c join programs p on p.id = c.program_id where c.engagement_id = ${engagementId}`,
    );
    return [...rows].map((r) => r.district);
  }
}
