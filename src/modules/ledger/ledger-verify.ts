import type postgres from 'postgres';

export interface Violation {
  check: string;
  rows: Record<string, unknown>[];
}

/**
 * Every invariant of the programmes' money, as SQL that returns the offending rows (none when
 * sound). It reads the vouchers module's tables too: this is the auditor's cross-check that the
 * ledger and the vouchers, groups and claims behind it tell the same story.
 */
const CHECKS: Record<string, string> = {
  'accounts sum to zero (reserved + committed + approved + paid + available = budget)': `
    select program_id, sum(balance)::text as sum from ledger_accounts group by program_id having sum(balance) <> 0`,
  'no holding account below zero, budget never positive': `
    select program_id, account, balance::text from ledger_accounts
    where (account <> 'budget' and balance < 0) or (account = 'budget' and balance > 0)`,
  'every programme has its six accounts': `
    select p.id as program_id, count(a.account)::int as accounts from programs p
    left join ledger_accounts a on a.program_id = p.id group by p.id having count(a.account) <> 6`,
  'budget account equals the programme budget': `
    select p.id as program_id, p.budget::text, (-a.balance)::text as funded from programs p
    join ledger_accounts a on a.program_id = p.id and a.account = 'budget' where -a.balance <> p.budget`,
  'balances equal the sum of their moves': `
    with moved as (
      select program_id, account, sum(delta) as total from (
        select program_id, from_account as account, -amount as delta from ledger_moves
        union all select program_id, to_account, amount from ledger_moves) d
      group by program_id, account)
    select a.program_id, a.account, a.balance::text, coalesce(m.total, 0)::text as moves
    from ledger_accounts a left join moved m using (program_id, account)
    where a.balance <> coalesce(m.total, 0)`,
  'reserved equals the unused remainder of live vouchers': `
    select a.program_id, a.balance::text as reserved, coalesce(v.live, 0)::text as vouchers
    from ledger_accounts a
    left join (select program_id, sum(face_value - used) as live from vouchers where status = 'active' group by program_id) v
      on v.program_id = a.program_id
    where a.account = 'reserved' and a.balance <> coalesce(v.live, 0)`,
  // An approved claim is paid when its settlement is (confirming a settlement updates no claim).
  'committed, approved and paid equal their claims': `
    with claimed as (select c.program_id,
                            case when c.status = 'approved' and s.status = 'paid' then 'paid' else c.status end as account,
                            sum(case c.status when 'committed' then c.amount else c.approved_amount end) as total
                     from subsidy_claims c left join settlements s on s.id = c.settlement_id
                     where c.status in ('committed', 'approved', 'paid') group by 1, 2)
    select a.program_id, a.account, a.balance::text, coalesce(c.total, 0)::text as claims
    from ledger_accounts a left join claimed c using (program_id, account)
    where a.account in ('committed', 'approved', 'paid') and a.balance <> coalesce(c.total, 0)`,
  "a voucher's use equals its claims": `
    select v.id as voucher_id, v.used::text, coalesce(sum(c.amount), 0)::text as claims
    from vouchers v left join subsidy_claims c on c.voucher_id = v.id
    group by v.id having v.used <> coalesce(sum(c.amount), 0)`,
  "a group's usage matches its vouchers and claims, within perEnterpriseCap": `
    select g.program_id, g.group_key, g.reserved::text, g.granted::text, p.per_enterprise_cap::text as cap
    from subsidy_group_usage g join programs p on p.id = g.program_id
    where g.reserved <> coalesce((select sum(face_value - used) from vouchers v
                                  where v.program_id = g.program_id and v.group_key = g.group_key and v.status = 'active'), 0)
       or g.granted <> coalesce((select sum(case c.status when 'committed' then c.amount else c.approved_amount end) from subsidy_claims c
                                 where c.program_id = g.program_id and c.group_key = g.group_key and c.status <> 'rejected'), 0)
       or g.reserved + g.granted > p.per_enterprise_cap`,
  'a settlement is the sum of its lines, its engagements and its claims': `
    select s.id as settlement_id, s.total::text, coalesce(l.total, 0)::text as lines, coalesce(e.total, 0)::text as engagements,
           coalesce(c.total, 0)::text as claims
    from settlements s
    left join (select settlement_id, sum(amount) as total from settlement_lines group by settlement_id) l on l.settlement_id = s.id
    left join (select settlement_id, sum(amount) as total from settlement_engagements group by settlement_id) e on e.settlement_id = s.id
    left join (select settlement_id, sum(approved_amount) as total from subsidy_claims where settlement_id is not null group by settlement_id) c on c.settlement_id = s.id
    where s.total <> coalesce(l.total, 0) or s.total <> coalesce(e.total, 0) or s.total <> coalesce(c.total, 0)`,
  "an engagement's subsidy is its claim": `
    select e.id as engagement_id, e.subsidy::text, coalesce(c.fx_subsidy, c.amount)::text as claim
    from engagements e full join subsidy_claims c on c.engagement_id = e.id
    where (e.subsidy is not null or c.id is not null) and (e.id is null or c.id is null or e.subsidy <> coalesce(c.fx_subsidy, c.amount))`,
  // Co-funded programmes (issue 28): each funder's accounts, its budget and its parts of the claims.
  "funders: each funder's accounts sum to zero, match their moves, none below zero": `
    with moved as (
      select program_id, funder, account, sum(delta) as total from (
        select program_id, funder, from_account as account, -amount as delta from funder_ledger_moves
        union all select program_id, funder, to_account, amount from funder_ledger_moves) d
      group by program_id, funder, account)
    select a.program_id, a.funder, a.account, a.balance::text, coalesce(m.total, 0)::text as moves
    from funder_ledger_accounts a left join moved m using (program_id, funder, account)
    where a.balance <> coalesce(m.total, 0) or (a.account <> 'budget' and a.balance < 0) or (a.account = 'budget' and a.balance > 0)
    union all
    select program_id, funder, 'sum', sum(balance)::text, '0' from funder_ledger_accounts group by program_id, funder having sum(balance) <> 0`,
  "funders: each funder's budget account is its budget, and the funders' budgets the programme's": `
    select f.program_id, f.funder, f.budget::text, coalesce(-a.balance, 0)::text as funded
    from program_funders f left join funder_ledger_accounts a on a.program_id = f.program_id and a.funder = f.funder and a.account = 'budget'
    where a.balance is null or -a.balance <> f.budget
    union all
    select p.id, 'all', p.budget::text, sum(f.budget)::text from programs p join program_funders f on f.program_id = p.id
    group by p.id, p.budget having sum(f.budget) <> p.budget
    union all
    select program_id, 'shares', sum(share_bps)::text, '10000' from program_funders group by program_id having sum(share_bps) <> 10000`,
  "funders: committed, approved and paid equal the funder's parts of the claims": `
    with parts as (select s.program_id, s.funder,
                          case when c.status = 'approved' and st.status = 'paid' then 'paid' else c.status end as account,
                          sum(case c.status when 'committed' then s.committed else s.approved end) as total
                   from subsidy_claim_shares s join subsidy_claims c on c.id = s.claim_id
                   left join settlements st on st.id = c.settlement_id
                   where c.status in ('committed', 'approved', 'paid') group by 1, 2, 3)
    select a.program_id, a.funder, a.account, a.balance::text, coalesce(p.total, 0)::text as parts
    from funder_ledger_accounts a left join parts p using (program_id, funder, account)
    where a.account in ('committed', 'approved', 'paid') and a.balance <> coalesce(p.total, 0)`,
  "funders: a co-funded claim's parts sum to its amount and to what was approved": `
    select c.id as claim_id, c.amount::text, sum(s.committed)::text as committed, c.approved_amount::text, sum(s.approved)::text as approved
    from subsidy_claims c join subsidy_claim_shares s on s.claim_id = c.id
    group by c.id
    having sum(s.committed) <> c.amount
       or (c.status <> 'committed' and sum(s.approved) is distinct from coalesce(c.approved_amount, 0))
    union all
    select c.id, c.amount::text, null, null, null from subsidy_claims c join program_funders f on f.program_id = c.program_id and f.position = 0
    where not exists (select 1 from subsidy_claim_shares s where s.claim_id = c.id)`,
  // Escrow (issue 26): each engagement's held, released and refunded accounts, from its moves.
  'escrow: no engagement holds less than nothing, and its accounts sum to zero': `
    select engagement_id, sum(case when to_account = 'held' then amount when from_account = 'held' then -amount else 0 end)::text as held
    from escrow_moves group by engagement_id
    having sum(case when to_account = 'held' then amount when from_account = 'held' then -amount else 0 end) < 0`,
  "escrow: a milestone's moves equal its due, released and refunded": `
    with m as (select engagement_id, milestone_n,
                      sum(case when from_account = 'enterprise' then amount else 0 end) as funded,
                      sum(case when to_account = 'released' then amount when from_account = 'released' then -amount else 0 end) as released,
                      sum(case when to_account = 'refunded' then amount else 0 end) as refunded
               from escrow_moves group by 1, 2)
    select coalesce(em.engagement_id, m.engagement_id) as engagement_id, coalesce(em.n, m.milestone_n) as n,
           coalesce(m.funded, 0)::text as funded, em.due::text, coalesce(m.released, 0)::text as released, em.released::text as milestone_released
    from engagement_milestones em full join m on m.engagement_id = em.engagement_id and m.milestone_n = em.n
    where em.id is null
       or coalesce(m.funded, 0) <> case when em.funded_at is not null then em.due else 0 end
       or coalesce(m.released, 0) <> em.released or coalesce(m.refunded, 0) <> em.refunded
       or coalesce(m.released, 0) + coalesce(m.refunded, 0) > coalesce(m.funded, 0)`,
  'escrow: a payment by milestones records what escrow received and gave back': `
    select p.engagement_id, p.received::text, p.refunded::text, coalesce(x.funded, 0)::text as funded, coalesce(x.refunded, 0)::text as escrow_refunded
    from payments p left join (select engagement_id,
                                      sum(case when from_account = 'enterprise' then amount else 0 end) as funded,
                                      sum(case when to_account = 'refunded' then amount else 0 end) as refunded
                               from escrow_moves group by 1) x on x.engagement_id = p.engagement_id
    where p.by_milestones and (p.received <> coalesce(x.funded, 0) or p.refunded <> coalesce(x.refunded, 0))`,
};

/** Runs every check over the whole database (or inside a caller's transaction). */
export async function verifyLedger(sql: postgres.Sql | postgres.TransactionSql): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const [check, query] of Object.entries(CHECKS)) {
    const rows = await sql.unsafe(query);
    if (rows.length > 0) violations.push({ check, rows: [...rows] as Record<string, unknown>[] });
  }
  return violations;
}

export const LEDGER_CHECKS = Object.keys(CHECKS);
