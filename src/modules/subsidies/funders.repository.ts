import { Inject, Injectable } from '@nestjs/common';
import { asc, inArray, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { programFunders, subsidyClaimShares, type ProgramFunderRow } from '../../db/schema/subsidies.js';

/** A claim's decided part per funder, for reconciliation's batch. */
export interface DecidedShare {
  claimId: string;
  funder: string;
  committed: number;
  /** The claim's approved amount (0 when rejected). */
  claimApproved: number;
}

/** Per funder and payee, what a settlement pays on the funder's behalf. */
export type FunderLine = {
  payee_type: 'provider' | 'enterprise';
  payee_id: string;
  payee_name: string;
  engagements: number;
  amount: string;
};

/** Co-funded programmes' funders and each claim's part per funder (issue 28). */
@Injectable()
export class FundersRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insertFunders(tx: DbOrTx, rows: (typeof programFunders.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await tx.insert(programFunders).values(rows);
  }

  /** Each programme's funders in their order; a programme funded by its district alone has none. */
  async fundersOf(programIds: string[], tx: DbOrTx = this.db): Promise<Map<string, ProgramFunderRow[]>> {
    const byProgram = new Map<string, ProgramFunderRow[]>();
    if (programIds.length === 0) return byProgram;
    const rows = await tx.select().from(programFunders).where(inArray(programFunders.programId, programIds)).orderBy(asc(programFunders.position));
    for (const row of rows) byProgram.set(row.programId, [...(byProgram.get(row.programId) ?? []), row]);
    return byProgram;
  }

  async insertShares(tx: DbOrTx, rows: (typeof subsidyClaimShares.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await tx.insert(subsidyClaimShares).values(rows);
  }

  /**
   * The parts of the claims reconciliation has just decided in this transaction: claims no longer
   * committed whose parts are still undecided. Another lane's batch is invisible until it commits,
   * and it decides its own parts before it does.
   */
  async undecidedShares(tx: DbOrTx, programId: string): Promise<DecidedShare[]> {
    const rows = await tx.execute<{ claim_id: string; funder: string; committed: string; claim_approved: string }>(sql`
      select s.claim_id, s.funder, s.committed::text, coalesce(c.approved_amount, 0)::text as claim_approved
      from ${subsidyClaimShares} s join subsidy_claims c on c.id = s.claim_id
      where s.program_id = ${programId} and s.approved is null and c.status <> 'committed'
      order by s.claim_id, s.funder`);
    return rows.map((r) => ({ claimId: r.claim_id, funder: r.funder, committed: Number(r.committed), claimApproved: Number(r.claim_approved) }));
  }

  /** A claim's parts not yet decided, for a lapse that rejects it before any reconciliation. */
  async undecidedSharesOf(tx: DbOrTx, claimId: string): Promise<{ funder: string; committed: number }[]> {
    const rows = await tx.execute<{ funder: string; committed: string }>(sql`
      select funder, committed::text from ${subsidyClaimShares} where claim_id = ${claimId} and approved is null`);
    return rows.map((r) => ({ funder: r.funder, committed: Number(r.committed) }));
  }

  async setApproved(tx: DbOrTx, parts: { claimId: string; funder: string; approved: number }[]): Promise<void> {
    if (parts.length === 0) return;
    await tx.execute(sql`
      update ${subsidyClaimShares} s set approved = v.a
      from jsonb_to_recordset(${JSON.stringify(parts.map((p) => ({ c: p.claimId, f: p.funder, a: p.approved })))}::jsonb) as v(c uuid, f text, a bigint)
      where s.claim_id = v.c and s.funder = v.f`);
  }

  /** Per funder, the approved parts of a settlement's claims. */
  async settlementTotals(tx: DbOrTx, settlementId: string): Promise<Map<string, number>> {
    const rows = await tx.execute<{ funder: string; amount: string }>(sql`
      select s.funder, sum(s.approved)::text as amount
      from subsidy_claims c join ${subsidyClaimShares} s on s.claim_id = c.id
      where c.settlement_id = ${settlementId} group by s.funder order by s.funder`);
    return new Map(rows.map((r) => [r.funder, Number(r.amount)]));
  }

  /** A funder's lines of a settlement: per payee, the funder's parts of the approved claims. */
  async funderLines(settlementId: string, funder: string): Promise<FunderLine[]> {
    const rows = await this.db.execute<FunderLine>(sql`
      select c.payee_type, c.payee_id, coalesce(pr.name, en.name, '') as payee_name, count(*)::int as engagements, sum(s.approved)::text as amount
      from subsidy_claims c
      join ${subsidyClaimShares} s on s.claim_id = c.id and s.funder = ${funder}
      left join providers pr on c.payee_type = 'provider' and pr.id = c.payee_id
      left join enterprises en on c.payee_type = 'enterprise' and en.id = c.payee_id
      where c.settlement_id = ${settlementId} and s.approved > 0
      group by c.payee_type, c.payee_id, pr.name, en.name
      order by c.payee_type, c.payee_id`);
    return [...rows];
  }

  /** A funder's part of each of these settlements. */
  async funderTotals(settlementIds: string[], funder: string): Promise<Map<string, number>> {
    if (settlementIds.length === 0) return new Map();
    const rows = await this.db.execute<{ settlement_id: string; amount: string }>(sql`
      select c.settlement_id, sum(s.approved)::text as amount
      from subsidy_claims c join ${subsidyClaimShares} s on s.claim_id = c.id and s.funder = ${funder}
      where c.settlement_id in (select jsonb_array_elements_text(${JSON.stringify(settlementIds)}::jsonb)::uuid)
      group by c.settlement_id`);
    return new Map(rows.map((r) => [r.settlement_id, Number(r.amount)]));
  }
}
