import { Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import type { CommitmentOutcome } from '../../../libs/subsidy/index.js';
import type { Tx } from '../../db/database.js';
import { isoInstant } from '../../db/iso-instant.js';
import { programClaimsLock } from '../../db/program-claims-lock.js';
import type { ProgramRow } from '../../db/schema/subsidies.js';

/** What a batch decided, per outcome: how many claims, what they committed, what was approved. */
export interface OutcomeTotals {
  outcome: CommitmentOutcome;
  claims: number;
  committed: number;
  approved: number;
}

/** A position in the walk: the last claim decided, by creation time then id. */
export interface WalkCursor {
  createdAt: string;
  id: string;
}

export interface BatchResult {
  /** The last claim of the batch (the run's next cursor); null when there was nothing left. */
  last: WalkCursor | null;
  size: number;
  outcomes: OutcomeTotals[];
}

/** One of a run's lanes: the claims whose id's last byte is `lane` modulo `lanes`. */
export interface Lane {
  lane: number;
  lanes: number;
}

/** A claim's lane: the last byte of a random (v4) id spreads claims evenly over the lanes. */
function inLane({ lane, lanes }: Lane): SQL {
  return sql`get_byte(uuid_send(c.id), 15) % ${lanes}::int = ${lane}::int`;
}

/**
 * Whether the claim's provider was eligible for the programme when it was awarded: the facts the
 * award checked (`subsidy_claims.eligibility`, libs/subsidy EligibilityFacts) checked again, as
 * libs/subsidy providerFailure does. Claims from before the facts were kept passed that check.
 */
export function providerEligibleAtAward(program: Pick<ProgramRow, 'providerRule' | 'district'>): SQL {
  const rule =
    program.providerRule === 'in_district'
      ? sql`b.eligibility->>'providerDistrict' = ${program.district}`
      : program.providerRule === 'alliance_member'
        ? sql`(b.eligibility->'providerAllianceDistricts') @> to_jsonb(${program.district}::text)`
        : sql`true`;
  return sql`(b.eligibility is null or (
    coalesce((b.eligibility->>'providerVetted')::boolean, false)
    and (b.eligibility->'providerCategories') @> to_jsonb(b.eligibility->>'category')
    and ${rule}))`;
}

/**
 * One batch of a reconciliation run's lane as one statement: the lane's next `limit` committed
 * claims after its cursor are decided in the database (reconciliation_decide, migration 0050, the
 * SQL twin of libs/subsidy decideCommitment, tested against it), and in the same statement their
 * decisions are recorded, the claims updated, approved claims filed into the run's settlement (its
 * engagements and its lines), the groups' grants netted, and the invoices shared with another
 * claim noted for the run's flags. Nothing crosses to the application
 * but one row per outcome. The caller posts those totals to the ledger and moves the cursor in the
 * same transaction. The per-claim writes run with the statement's query, which reads what they
 * return; the rows every lane shares (group usage, settlement lines and total) after it, in key
 * order, so one lane waits for another only for the end of its batch (written first, before the
 * query read them, they held the other lane up for the whole of a batch's writes).
 *
 * Claims are updated by the row version the batch read (its ctid), not found again by id: a probe
 * of the primary key per claim, 8% of a batch. A claim another transaction changed since the read
 * is then not updated; the statement counts the updated claims and fails as a serialization
 * failure if one is missing (reconciliation_claims_updated, migration 0350), which the job retries.
 */
@Injectable()
export class BatchRepository {
  async decide(tx: Tx, runId: string, program: ProgramRow, settlementId: string, lane: Lane, cursor: WalkCursor | null, limit: number): Promise<BatchResult> {
    // Each batch must touch only its own rows: index lookups per claim, never a hash join that
    // scans the whole claims, engagements or payments table (which the planner picks when the
    // tables' statistics lag behind a bulk load), and the claims walked in the walk index's order,
    // never read whole and sorted on disk (by a scan, or by another index holding program_id): the
    // lane's filter has no statistics, so the planner guesses it keeps 0.5% of the rows and expects
    // the walk to read them all (EXPLAIN ANALYZE, 10,000 of 1,000,000 claims: 1.0 s to read and
    // sort, 23 ms along the walk index). JIT compilation costs 100 ms a batch and pays for itself
    // only on much longer statements. The batch's claims with their eligibility facts (4 MB for
    // 10,000) stay in memory, not spilled to a temporary file at the default 4 MB of work_mem.
    // Local to this transaction.
    await tx.execute(
      sql`select set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true),
                 set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),
                 set_config('enable_sort', 'off', true), set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`,
    );
    // Before the claims are read: a lapsing subsidy (issue 26) is either wholly before this batch or after it.
    await tx.execute(programClaimsLock(program.id, 'shared'));
    const rows = await tx.execute<{
      outcome: CommitmentOutcome | null;
      claims: number;
      committed: string;
      approved: string;
      last_at: string;
      last: string;
      size: number;
      claims_updated: boolean;
      filed: number;
    }>(sql`
      with batch as materialized (
        select c.ctid, c.id, c.engagement_id, c.group_key, c.amount, c.price, c.payee_type, c.payee_id, c.invoice_key, c.created_at, c.eligibility, c.fx_minor_factor
        from subsidy_claims c
        where c.program_id = ${program.id} and c.status = 'committed'
          ${lane.lanes > 1 ? sql`and ${inLane(lane)}` : sql``}
          ${cursor ? sql`and (c.created_at, c.id) > (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)` : sql``}
        order by c.created_at, c.id
        limit ${limit}
      ), decided as materialized (
        select b.*, i.invoice_shared, d.outcome, d.reason, d.approved
        from batch b
        left join engagements e on e.id = b.engagement_id
        left join payments p on p.engagement_id = b.engagement_id
        -- Every claim on the claim's invoice, read once (an aggregate is never pulled up into the
        -- decision's expressions, which name each argument several times): claimed earlier in another
        -- programme and not rejected there, or shared with any other claim (for the run's flags).
        cross join lateral (
          select coalesce(bool_or(o.program_id <> ${program.id}::uuid and o.status <> 'rejected' and (o.created_at, o.id) < (b.created_at, b.id)), false)
                   as claimed_elsewhere,
                 count(*) > 1 as invoice_shared
          from subsidy_claims o
          where o.invoice_key = b.invoice_key
        ) i
        cross join lateral (
          select coalesce(e.dispute_status, 'none') as dispute,
                 -- refunds count against the price; a refund of everything received counts as full
                 -- a purchase in another currency: its refunds count at the rate locked at award (rounded down)
                 case when p.received > 0 and p.refunded >= p.received then b.price
                      else least(floor(coalesce(p.refunded, 0) * coalesce(b.fx_minor_factor, 1))::bigint, b.price) end as refunded
          -- Kept a subquery: computed once per claim, not in each of the decision's uses.
          offset 0
        ) f
        -- Inlined by the planner (its arguments are plain columns): the decision is part of the plan.
        cross join lateral reconciliation_decide(
          i.claimed_elsewhere,
          ${providerEligibleAtAward(program)},
          e.id is null or (e.status = 'cancelled' and f.dispute <> 'lost'),
          f.refunded, b.price, f.dispute,
          coalesce(p.received >= p.amount, false),
          e.accepted_at is not null,
          b.amount, ${program.rateBps}::int, ${program.perVoucherCap}::bigint, ${program.perEnterpriseCap}::bigint
        ) d
      ), recorded as (
        insert into reconciliation_decisions (run_id, claim_created_at, claim_id, outcome, reason, committed, approved)
        select ${runId}::uuid, created_at, id, outcome, reason, amount, approved from decided order by created_at, id
        returning outcome, committed, approved
      ), claims as (
        update subsidy_claims c
        set status = case when d.outcome = 'rejected' then 'rejected' else 'approved' end,
            approved_amount = case when d.outcome = 'rejected' then null else d.approved end,
            settlement_id = case when d.outcome <> 'rejected' and d.approved > 0 then ${settlementId}::uuid end
        from decided d
        where c.ctid = d.ctid and d.outcome <> 'held'
        returning 1
      ), paid as (
        select * from decided where outcome in ('approved', 'adjusted') and approved > 0
      ), filed as (
        insert into settlement_engagements (settlement_id, payee_type, payee_id, claim_created_at, claim_id, engagement_id, amount)
        select ${settlementId}::uuid, payee_type, payee_id, created_at, id, engagement_id, approved from paid order by created_at, id
        returning 1
      ), shared_invoices as (
        insert into reconciliation_shared_invoices (run_id, invoice_key)
        select distinct ${runId}::uuid, invoice_key from decided where invoice_shared order by 2
        on conflict do nothing
      ), released as (
        update subsidy_group_usage g set granted = g.granted - r.amount
        from (select group_key, sum(amount - approved) as amount from decided where outcome <> 'held' group by group_key order by group_key) r
        where g.program_id = ${program.id} and g.group_key = r.group_key and r.amount > 0
      ), lines as (
        insert into settlement_lines (settlement_id, payee_type, payee_id, engagements, amount)
        select ${settlementId}::uuid, payee_type, payee_id, count(*), sum(approved) from paid group by payee_type, payee_id order by payee_type, payee_id
        on conflict (settlement_id, payee_type, payee_id)
        do update set engagements = settlement_lines.engagements + excluded.engagements, amount = settlement_lines.amount + excluded.amount
      ), settled as (
        update settlements set total = total + (select coalesce(sum(approved), 0) from paid) where id = ${settlementId}
      )
      select o.outcome, o.claims, o.committed::text, o.approved::text, l.last_at, l.last::text, s.size, w.claims_updated, w.filed
      from (select ${isoInstant('created_at')} as last_at, id as last
            from (select created_at, id from batch order by created_at desc, id desc limit 1) top) l
      cross join (select count(*)::int as size from batch) s
      -- The per-claim writes are read here, so they run with this query, before the rows every lane
      -- shares, which no query reads and Postgres writes after it (in an order of its own).
      cross join (select reconciliation_claims_updated((select count(*) from decided where outcome <> 'held'), (select count(*) from claims)) as claims_updated,
                         (select count(*)::int from filed) as filed) w
      left join (select outcome, count(*)::int as claims, sum(committed) as committed, sum(approved) as approved from recorded group by outcome) o on true`);
    const first = rows[0];
    if (!first?.last) return { last: null, size: 0, outcomes: [] };
    return {
      last: { createdAt: first.last_at, id: first.last },
      size: first.size,
      outcomes: rows
        .filter((r) => r.outcome)
        .map((r) => ({ outcome: r.outcome!, claims: r.claims, committed: Number(r.committed), approved: Number(r.approved) })),
    };
  }
}
