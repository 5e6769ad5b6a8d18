import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { emptyFigures, type Amounts, type MonthFigures } from '../../../libs/city-reports/index.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';

type Row = Record<string, unknown> & { district: string };
const num = (v: unknown): number => Number(v ?? 0);
const maybe = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The city report's figures, read-only across the tables of engagements, requests, enterprises,
 * vouchers, claims, settlements, alliances, applications and the desk's questions, for a set of districts and one
 * month [start, end). The definitions are docs/api.md's ("City reports"); each query groups by
 * the district the figure belongs to: the enterprise's for requests, awards and ratings, the
 * programme's for vouchers and subsidy, the application's and the question's, and every district an alliance covers.
 */
@Injectable()
export class ReportsReadModel {
  constructor(@Inject(DB) private readonly db: Database) {}

  async figures(districts: string[], start: Date, end: Date): Promise<Map<string, MonthFigures>> {
    const out = new Map(districts.map((d) => [d, emptyFigures()]));
    const of = (row: Row) => out.get(row.district)!;
    const inList = sql.join(
      districts.map((d) => sql`${d}`),
      sql`, `,
    );
    const s = sql`${start.toISOString()}::timestamptz`;
    const e = sql`${end.toISOString()}::timestamptz`;
    const q = async (query: SQL) => (districts.length === 0 ? [] : ((await this.db.execute(query)) as unknown as Row[]));

    for (const r of await q(sql`
      select en.district, count(*) as awards, count(distinct g.enterprise_id) as served,
             round((percentile_cont(0.5) within group (order by extract(epoch from g.created_at - r.published_at) / 86400))::numeric, 2) as median_days
      from engagements g join enterprises en on en.id = g.enterprise_id join service_requests r on r.id = g.request_id
      where en.district in (${inList}) and g.created_at >= ${s} and g.created_at < ${e} group by en.district`)) {
      Object.assign(of(r), { awards: num(r.awards), enterprisesServed: num(r.served), medianDaysPublishToAward: maybe(r.median_days) });
    }
    for (const r of await q(sql`
      select en.district, count(*) as n from service_requests r join enterprises en on en.id = r.enterprise_id
      where en.district in (${inList}) and r.published_at >= ${s} and r.published_at < ${e} group by en.district`)) {
      of(r).requests = num(r.n);
    }
    for (const r of await q(sql`
      select p.district, v.currency, count(*) as n, sum(v.face_value) as amount from vouchers v join programs p on p.id = v.program_id
      where p.district in (${inList}) and v.created_at >= ${s} and v.created_at < ${e} group by p.district, v.currency`)) {
      of(r).vouchers.issued += num(r.n);
      add(of(r).vouchers.issuedAmount, r.currency as string, num(r.amount));
    }
    for (const r of await q(sql`
      select p.district, c.currency, sum(c.amount) as amount from subsidy_claims c join programs p on p.id = c.program_id
      where p.district in (${inList}) and c.created_at >= ${s} and c.created_at < ${e} group by p.district, c.currency`)) {
      add(of(r).vouchers.committed, r.currency as string, num(r.amount));
    }
    for (const r of await q(sql`
      select p.district, c.currency, sum(c.approved_amount) as amount
      from subsidy_claims c join settlements st on st.id = c.settlement_id join programs p on p.id = c.program_id
      where p.district in (${inList}) and c.status = 'paid' and st.paid_at >= ${s} and st.paid_at < ${e} group by p.district, c.currency`)) {
      add(of(r).vouchers.paid, r.currency as string, num(r.amount));
    }
    for (const r of await q(sql`
      select p.district, r.category, coalesce(r.countries[1], '') as country, c.currency, sum(c.amount) as amount
      from subsidy_claims c join programs p on p.id = c.program_id
      join engagements g on g.id = c.engagement_id join service_requests r on r.id = g.request_id
      where p.district in (${inList}) and c.created_at >= ${s} and c.created_at < ${e}
      group by p.district, r.category, coalesce(r.countries[1], ''), c.currency`)) {
      add((of(r).subsidyByCategory[r.category as string] ??= {}), r.currency as string, num(r.amount));
      add((of(r).subsidyByCountry[r.country as string] ??= {}), r.currency as string, num(r.amount));
    }
    for (const r of await q(sql`
      select d.district,
             count(*) filter (where m.status = 'active') as active,
             count(*) filter (where m.status = 'active' and m.vetted_until >= ${e}) as vetted,
             count(*) filter (where m.status = 'pending') as pending,
             count(*) filter (where m.status = 'suspended') as suspended,
             count(*) filter (where m.status = 'lapsed') as lapsed
      from alliances a cross join lateral unnest(a.districts) as d(district) join alliance_memberships m on m.alliance_id = a.id
      where d.district in (${inList}) group by d.district`)) {
      of(r).allianceMembers = { active: num(r.active), vetted: num(r.vetted), pending: num(r.pending), suspended: num(r.suspended), lapsed: num(r.lapsed) };
    }
    for (const r of await q(sql`
      select en.district, count(g.rating) as n, round(avg(g.rating)::numeric, 2) as mean
      from engagements g join enterprises en on en.id = g.enterprise_id
      where en.district in (${inList}) and g.rated_at >= ${s} and g.rated_at < ${e} group by en.district`)) {
      of(r).ratings = { count: num(r.n), mean: maybe(r.mean) };
    }
    for (const r of await q(sql`
      select a.district, count(*) as received,
             count(*) filter (where a.status = 'approved') as approved,
             count(*) filter (where a.status = 'rejected') as rejected,
             count(*) filter (where a.status = 'pending') as pending,
             count(*) filter (where a.sla_flagged_at is not null) as flagged,
             round((percentile_cont(0.5) within group (order by extract(epoch from a.decided_at - a.created_at) / 3600))::numeric, 2) as median_hours
      from voucher_applications a
      where a.district in (${inList}) and a.created_at >= ${s} and a.created_at < ${e} group by a.district`)) {
      of(r).applications = {
        received: num(r.received),
        approved: num(r.approved),
        rejected: num(r.rejected),
        pending: num(r.pending),
        medianHoursToAnswer: maybe(r.median_hours),
        flaggedOverSla: num(r.flagged),
      };
    }
    for (const r of await q(sql`
      select d.district, count(*) as received,
             count(*) filter (where d.answered_at is not null) as answered,
             count(*) filter (where d.status = 'closed') as closed,
             count(*) filter (where d.outcome = 'answered') as o_answered,
             count(*) filter (where d.outcome = 'referred') as o_referred,
             count(*) filter (where d.outcome = 'odi_filed') as o_odi_filed,
             count(*) filter (where d.outcome = 'odi_approved') as o_odi_approved,
             count(*) filter (where d.overdue_flagged_at is not null) as past_due,
             round((percentile_cont(0.5) within group (order by extract(epoch from d.answered_at - d.asked_at) / 3600))::numeric, 2) as median_hours
      from desk_questions d
      where d.district in (${inList}) and d.asked_at >= ${s} and d.asked_at < ${e} group by d.district`)) {
      of(r).desk = {
        received: num(r.received),
        answered: num(r.answered),
        closed: num(r.closed),
        outcomes: { answered: num(r.o_answered), referred: num(r.o_referred), odi_filed: num(r.o_odi_filed), odi_approved: num(r.o_odi_approved) },
        pastDue: num(r.past_due),
        medianHoursToAnswer: maybe(r.median_hours),
      };
    }
    return out;
  }
}

function add(amounts: Amounts, currency: string, amount: number): void {
  amounts[currency] = (amounts[currency] ?? 0) + amount;
}
