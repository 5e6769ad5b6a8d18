import type postgres from 'postgres';
import type { DealRecord } from './history.js';
import { DAY_MS } from '../../libs/time/index.js';

/**
 * Spreads the history made a moment ago over the months it stands for. Only timestamps that
 * carry no money move (requests, invitations, rankings, bids, engagements, payments' and
 * vouchers' dates); ledger tables refuse updates, so their postings are dated beside them. Each purchase's
 * steps keep their order: published, bids, award (at 20% of its age), payment, delivery (70%),
 * acceptance (80%), rating.
 */
export async function backdateHistory(sql: postgres.Sql, records: readonly DealRecord[], now: Date, programIds: readonly string[]): Promise<void> {
  if (records.length === 0) return;
  const timeline = records.map((r) => ({
    request_id: r.requestId,
    t0: new Date(now.getTime() - r.plan.ageDays * DAY_MS + (r.plan.index % 7) * 3_600_000).toISOString(),
    age: r.plan.ageDays,
  }));
  await sql.begin(async (tx) => {
    await tx`create temporary table demo_timeline on commit drop as
      select * from jsonb_to_recordset(${JSON.stringify(timeline)}::jsonb) as t(request_id uuid, t0 timestamptz, age float8)`;
    // at(x): the moment x of the way through the purchase's life.
    await tx`create or replace function pg_temp.demo_at(t0 timestamptz, age float8, x float8) returns timestamptz
      language sql immutable as $$ select t0 + make_interval(secs => age * 86400 * x) $$`;
    await tx`update service_requests r set
        created_at = t.t0,
        published_at = t.t0 + interval '1 hour',
        bidding_closes_at = case when r.status in ('awarded', 'cancelled') then pg_temp.demo_at(t.t0, t.age, 0.18) else r.bidding_closes_at end,
        updated_at = case when r.status = 'open' then t.t0 + interval '1 hour' else pg_temp.demo_at(t.t0, t.age, 0.2) end
      from demo_timeline t where r.id = t.request_id`;
    await tx`update invitations i set invited_at = t.t0 + interval '1 hour' from demo_timeline t where i.request_id = t.request_id`;
    await tx`update match_results m set created_at = t.t0 + interval '1 hour' from demo_timeline t where m.request_id = t.request_id`;
    await tx`update bids b set
        created_at = pg_temp.demo_at(t.t0, t.age, 0.03 + (abs(hashtext(b.id::text)) % 12) / 100.0),
        updated_at = pg_temp.demo_at(t.t0, t.age, 0.2)
      from demo_timeline t where b.request_id = t.request_id`;
    await tx`update engagements e set
        created_at = pg_temp.demo_at(t.t0, t.age, 0.2),
        delivered_at = case when e.delivered_at is null then null else pg_temp.demo_at(t.t0, t.age, 0.7) end,
        accepted_at = case when e.accepted_at is null then null else pg_temp.demo_at(t.t0, t.age, 0.8) end,
        rated_at = case when e.rated_at is null then null else pg_temp.demo_at(t.t0, t.age, 0.82) end,
        updated_at = pg_temp.demo_at(t.t0, t.age, 0.85)
      from demo_timeline t where e.request_id = t.request_id`;
    await tx`update payments p set created_at = pg_temp.demo_at(t.t0, t.age, 0.22), updated_at = pg_temp.demo_at(t.t0, t.age, 0.25)
      from engagements e join demo_timeline t on t.request_id = e.request_id where p.engagement_id = e.id`;
    await tx`update payment_events pe set occurred_at = pg_temp.demo_at(t.t0, t.age, case when pe.kind like 'refund%' then 0.84 else 0.25 end)
      from engagements e join demo_timeline t on t.request_id = e.request_id where pe.engagement_id = e.id`;
    await tx`update vouchers v set created_at = pg_temp.demo_at(t.t0, t.age, 0.19)
      from subsidy_claims c join engagements e on e.id = c.engagement_id join demo_timeline t on t.request_id = e.request_id
      where v.id = c.voucher_id`;
    await tx`update programs set created_at = ${new Date(now.getTime() - 180 * DAY_MS).toISOString()}::timestamptz where id in (select jsonb_array_elements_text(${JSON.stringify(programIds)}::jsonb)::uuid)`;
    await datePostings(tx, programIds);
  });
}

/**
 * The ledger's postings keep the day the seed ran; ledger_posting_dates gives each the day its
 * event now stands for (funding, a voucher's issue, an award's commitment, the payout), so the
 * balance history and its burn-down tell the months of history rather than one day.
 */
async function datePostings(tx: postgres.TransactionSql, programIds: readonly string[]): Promise<void> {
  await tx`
    insert into ledger_posting_dates (posting_id, effective_at)
    select p.id, coalesce(pr.created_at, v.created_at, e.created_at, s.paid_at)
    from ledger_postings p
    left join programs pr on p.idempotency_key = 'program:' || pr.id || ':fund'
    left join vouchers v on p.idempotency_key = 'voucher:' || v.id || ':issue'
    left join engagements e on p.idempotency_key = 'engagement:' || e.id || ':commit'
    left join settlements s on p.idempotency_key = 'settlement:' || s.id || ':pay'
    where p.program_id in (select jsonb_array_elements_text(${JSON.stringify(programIds)}::jsonb)::uuid)
      and coalesce(pr.created_at, v.created_at, e.created_at, s.paid_at) is not null
    on conflict (posting_id) do nothing`;
}

/** Five weeks: far enough back to land in a month the close freezes, and the same weekday, so due dates stay on working days. */
const DESK_BACKDATE_DAYS = 35;

/**
 * Moves the Jing'an window's questions an officer has handled (answered, most of them closed)
 * five weeks back, each answered a few hours after it was asked and closed a day later, so the
 * closed report month counts them; the ones still open stay on today's desk. Questions of the
 * seed only: asked in the last day.
 */
export async function backdateDesk(sql: postgres.Sql, now: Date): Promise<void> {
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  await sql`
    with handled as (
      select id, row_number() over (order by asked_at, id) as n from desk_questions
      where district = 'jingan' and status <> 'open' and asked_at >= ${since}::timestamptz)
    update desk_questions d set
      asked_at = d.asked_at - make_interval(days => ${DESK_BACKDATE_DAYS}),
      due_at = d.due_at - make_interval(days => ${DESK_BACKDATE_DAYS}),
      taken_at = d.asked_at - make_interval(days => ${DESK_BACKDATE_DAYS}) + interval '1 hour',
      answered_at = d.asked_at - make_interval(days => ${DESK_BACKDATE_DAYS}) + make_interval(hours => 2 + (h.n % 6)::int * 4),
      closed_at = case when d.closed_at is null then null
        else d.asked_at - make_interval(days => ${DESK_BACKDATE_DAYS} - 1) + make_interval(hours => 2 + (h.n % 6)::int * 4) end
    from handled h where d.id = h.id`;
}
