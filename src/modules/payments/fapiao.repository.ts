import { Inject, Injectable } from '@nestjs/common';
import { asc, eq, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { fapiaoRecords, type FapiaoRow } from '../../db/schema/payments.js';
import { pgErrorOf, UNIQUE_VIOLATION } from '../../db/pg-error.js';

export type Flag = {
  kind: string;
  detail: Record<string, unknown>;
};

@Injectable()
export class FapiaoRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** In the caller's transaction; a second fapiao of the milestone is 'exists' (and the transaction is then spent). */
  async insert(tx: DbOrTx, row: typeof fapiaoRecords.$inferInsert): Promise<FapiaoRow | 'exists'> {
    try {
      const [created] = await tx.insert(fapiaoRecords).values(row).returning();
      return created!;
    } catch (error) {
      if (pgErrorOf(error).code === UNIQUE_VIOLATION) return 'exists';
      throw error;
    }
  }

  async ofEngagement(engagementId: string): Promise<FapiaoRow[]> {
    return this.db.select().from(fapiaoRecords).where(eq(fapiaoRecords.engagementId, engagementId)).orderBy(asc(fapiaoRecords.milestoneN));
  }

  /**
   * What a district's auditor checks behind the programme's approved claims: a fapiao behind each
   * (of the engagements paid by milestones, where fapiao are recorded),
   * the buyer's tax id the enterprise's USCC, fapiao adding up to the price the subsidy was
   * computed on, and no fapiao number recorded on two engagements (the platform is one city).
   */
  async flags(tx: DbOrTx, programId: string): Promise<Flag[]> {
    const rows = await tx.execute<Flag>(sql`
      with claims as (
        select c.id as claim_id, c.engagement_id, c.price, c.currency, e.uscc
        from subsidy_claims c join enterprises e on e.id = c.enterprise_id
        where c.program_id = ${programId} and c.status in ('approved', 'paid')
      ), totals as (
        select f.engagement_id, sum(f.amount_with_tax) as total from ${fapiaoRecords} f
        where f.engagement_id in (select engagement_id from claims) and f.currency = 'CNY' group by f.engagement_id
      )
      select 'fapiao_missing' as kind, jsonb_build_object('claimId', c.claim_id, 'engagementId', c.engagement_id) as detail
        from claims c
        -- Engagements paid as a whole keep their invoice number as a string (deliver's invoiceNumber); fapiao records come with milestones.
        where exists (select 1 from payments p where p.engagement_id = c.engagement_id and p.by_milestones)
          and not exists (select 1 from ${fapiaoRecords} f where f.engagement_id = c.engagement_id)
      union all
      select 'fapiao_buyer_tax_id', jsonb_build_object('claimId', c.claim_id, 'engagementId', c.engagement_id, 'number', f.number, 'buyerTaxId', f.buyer_tax_id, 'uscc', c.uscc)
        from claims c join ${fapiaoRecords} f on f.engagement_id = c.engagement_id where f.buyer_tax_id <> c.uscc
      union all
      select 'fapiao_short', jsonb_build_object('claimId', c.claim_id, 'engagementId', c.engagement_id, 'fapiao', coalesce(t.total, 0), 'price', c.price)
        from claims c left join totals t on t.engagement_id = c.engagement_id
        where exists (select 1 from ${fapiaoRecords} f where f.engagement_id = c.engagement_id) and coalesce(t.total, 0) < c.price
      union all
      select 'fapiao_number_reused', jsonb_build_object('number', g.number, 'engagements', g.engagements,
               'claimsBehind', (select jsonb_agg(jsonb_build_object('claimId', s.id, 'engagementId', s.engagement_id, 'programId', s.program_id) order by s.id)
                                from subsidy_claims s where s.engagement_id in (select engagement_id from ${fapiaoRecords} where number = g.number)))
        from (select f.number, count(distinct f.engagement_id)::int as engagements from ${fapiaoRecords} f
              where f.number in (select f2.number from ${fapiaoRecords} f2 join claims c on c.engagement_id = f2.engagement_id)
              group by f.number having count(distinct f.engagement_id) > 1) g`);
    return [...rows];
  }
}
