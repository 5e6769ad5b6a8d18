import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { emptyFigures, monthOf, toFigureRows, type MonthFigures } from '../../libs/city-reports/index.js';
import { districtsOfCity } from '../../libs/reference-data/index.js';
import { ReportsService } from '../../src/modules/city/reports.service.js';
import { DeskService } from '../../src/modules/desk/desk.service.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { award, bidFrom, createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { createRequest, publish } from '../factories/requests.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

const MONTH = '2025-06';
// 2025-06 in Shanghai time: [2025-05-31T16:00Z, 2025-06-30T16:00Z).
const START = '2025-05-31T16:00:00Z';
const END = '2025-06-30T16:00:00Z';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const binary = (res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Issue 28, the city's view: a month of Hongqiao's work, frozen when it closes, equal to SQL this
 * test writes itself; the coordinator reads Shanghai and nothing of Huzhou, and writes nothing.
 * Districts hongqiao and huzhou; countries IQ, LB, GE. Its desk questions are Hongqiao's too.
 */
describe('city reports and the city coordinator', () => {
  let api: Api;
  const database = openDatabase();
  const one = async <T>(query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as unknown as T[])[0]!;
  let coordinator: string;
  let hongqiao: { id: string; officer: string };
  let huzhou: { id: string; officer: string };
  let huzhouApplication: string;
  let hongqiaoVoucher: string;
  let huzhouVoucher: string;

  const application = { need: '伊拉克市场准入 Iraq market entry', country: 'IQ', service: 'odi_filing', estimatedPrice: rmb(200_000) };
  const apply = (programId: string, token: string) => api.http.post(`/v1/programs/${programId}/applications`).set(bearer(token)).send(application).expect(201);
  const report = async (month = MONTH) =>
    (await api.http.get('/v1/reports').query({ city: 'shanghai', from: month, to: month }).set(bearer(coordinator)).expect(200)).body as {
      months: { district: string; month: string; closed: boolean; closedAt: string | null; figures: MonthFigures }[];
    };
  const ask = async (token: string) =>
    (await api.http.post('/v1/desk/questions').set(bearer(token)).send({ topic: 'odi_filing', text: '伊拉克子公司的 ODI 备案材料？' }).expect(201)).body
      .id as string;
  const officerDoes = (id: string, step: 'take' | 'answer' | 'close', body?: object) =>
    api.http.post(`/v1/desk/questions/${id}/${step}`).set(bearer(hongqiao.officer)).send(body).expect(200);
  const hongqiaoIn = async (month = MONTH) => (await report(month)).months.find((m) => m.district === 'hongqiao')!;

  beforeAll(async () => {
    api = await startApi();
    coordinator = await api.token('city_coordinator', 'shanghai');
    hongqiao = await createProgram(api, { district: 'hongqiao' });
    huzhou = await createProgram(api, { district: 'huzhou' });
    const alliance = await createAlliance(api, '虹桥出海服务联盟', ['hongqiao']);

    // A month of Hongqiao's work: three requests, two awards (one with a voucher), three applications.
    const first = await createEnterprise(api, { district: 'hongqiao' });
    const second = await createEnterprise(api, { district: 'hongqiao' });
    hongqiaoVoucher = await issueVoucher(api, hongqiao, first.id, rmb(300_000));
    const withVoucher = await bidFrom(api, alliance, first, { country: 'IQ', district: 'hongqiao', price: rmb(500_000).amount });
    const rated = (await award(api, first, withVoucher, hongqiaoVoucher).expect(201)).body.id as string;
    const plain = await bidFrom(api, alliance, second, { country: 'LB', district: 'hongqiao', price: rmb(200_000).amount });
    await award(api, second, plain).expect(201);
    await publish(api, second.token, await createRequest(api, second.token, { countries: ['GE'] }));
    const approved = await apply(hongqiao.id, second.token);
    await api.http
      .post(`/v1/applications/${approved.body.id}/approve`)
      .set(bearer(hongqiao.officer))
      .send({ faceValue: rmb(100_000), expiresAt: inDays(60) })
      .expect(200);
    const rejected = await apply(hongqiao.id, first.token);
    await api.http.post(`/v1/applications/${rejected.body.id}/reject`).set(bearer(hongqiao.officer)).send({ reason: 'duplicate' }).expect(200);
    await apply(hongqiao.id, (await createEnterprise(api, { district: 'hongqiao' })).token);

    // Hongqiao's request desk: four questions; one approved, one referred, one answered but never closed, one never taken.
    // The desk flags every question not closed by its due date: the last two go past due.
    const answer = { answer: '请先完成境外投资备案。' };
    const approvedQuestion = await ask(first.token);
    await officerDoes(approvedQuestion, 'take');
    await officerDoes(approvedQuestion, 'answer', answer);
    await officerDoes(approvedQuestion, 'close', { outcome: 'odi_approved' });
    const referred = await ask(second.token);
    await officerDoes(referred, 'answer', answer);
    await officerDoes(referred, 'close', { outcome: 'referred' });
    await officerDoes(await ask(second.token), 'answer', answer);
    await ask(first.token);

    // Huzhou, another city: an enterprise, a voucher and an application the Shanghai coordinator must not see.
    const huzhouEnterprise = await createEnterprise(api, { district: 'huzhou' });
    huzhouVoucher = await issueVoucher(api, huzhou, huzhouEnterprise.id, rmb(50_000));
    huzhouApplication = (await apply(huzhou.id, huzhouEnterprise.token)).body.id as string;

    // Move that work into June 2025 (the rows are this test's own: Hongqiao is used by no other test file).
    await database.db.execute(sql`update engagements set rating = 4, rated_at = now() where id = ${rated}::uuid`);
    const shift = sql`(now() - '2025-06-15T12:00:00+08'::timestamptz)`;
    const ours = sql`(select id from enterprises where district = 'hongqiao')`;
    await database.db.execute(
      sql`update service_requests set created_at = created_at - ${shift}, published_at = published_at - ${shift} - interval '3 days' where enterprise_id in ${ours}`,
    );
    await database.db.execute(sql`update engagements set created_at = created_at - ${shift}, rated_at = rated_at - ${shift} where enterprise_id in ${ours}`);
    await database.db.execute(sql`update vouchers set created_at = created_at - ${shift} where program_id = ${hongqiao.id}::uuid`);
    await database.db.execute(sql`update subsidy_claims set created_at = created_at - ${shift} where program_id = ${hongqiao.id}::uuid`);
    await database.db.execute(
      sql`update voucher_applications set created_at = created_at - ${shift}, decided_at = decided_at - ${shift} + interval '26 hours' where district = 'hongqiao'`,
    );
    await database.db.execute(sql`update desk_questions set asked_at = asked_at - ${shift}, due_at = due_at - ${shift}, taken_at = taken_at - ${shift},
      answered_at = answered_at - ${shift} + interval '5 hours' * (1 + abs(hashtext(id::text)) % 7), closed_at = closed_at - ${shift} + interval '2 days'
      where district = 'hongqiao'`);
    // The desk's job runs in June: only questions due before then (this file's open one) are flagged.
    await api.app.get(DeskService, { strict: false }).flagOverdue(new Date('2025-06-25T00:00:00Z'));
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it("freezes Hongqiao's month at close with the figures independent SQL gives over the same rows", async () => {
    const closes = await api.app.get(ReportsService, { strict: false }).closeDue(new Date('2025-07-05T00:00:00Z'));
    expect(closes.map((c) => c.month)).toEqual(['2025-04', '2025-05', '2025-06']);

    const month = await hongqiaoIn();
    expect(month).toMatchObject({ month: MONTH, closed: true, closedAt: expect.any(String) });
    const f = month.figures;

    const within = (column: string) => sql.raw(`${column} >= '${START}' and ${column} < '${END}'`);
    const awards = await one<{ n: number; served: number; median: number }>(sql`
      select count(*)::int as n, count(distinct g.enterprise_id)::int as served,
             round((percentile_cont(0.5) within group (order by extract(epoch from g.created_at - r.published_at) / 86400))::numeric, 2)::float8 as median
      from engagements g, enterprises e, service_requests r
      where e.id = g.enterprise_id and r.id = g.request_id and e.district = 'hongqiao' and ${within('g.created_at')}`);
    const requests = await one<{ n: number }>(sql`
      select count(*)::int as n from service_requests r where ${within('r.published_at')}
        and exists (select 1 from enterprises e where e.id = r.enterprise_id and e.district = 'hongqiao')`);
    const vouchers = await one<{ n: number; face: number }>(sql`
      select count(*)::int as n, coalesce(sum(face_value), 0)::float8 as face from vouchers where program_id = ${hongqiao.id}::uuid and ${within('created_at')}`);
    const claims = await one<{ amount: number }>(sql`
      select coalesce(sum(amount), 0)::float8 as amount from subsidy_claims where program_id = ${hongqiao.id}::uuid and ${within('created_at')}`);
    const members = await one<{ active: number }>(sql`
      select count(*)::int as active from alliance_memberships m join alliances a on a.id = m.alliance_id
      where 'hongqiao' = any(a.districts) and m.status = 'active'`);
    const ratings = await one<{ n: number; mean: number }>(sql`
      select count(rating)::int as n, avg(rating)::float8 as mean from engagements
      where ${within('rated_at')} and enterprise_id in (select id from enterprises where district = 'hongqiao')`);
    const apps = await one<{ received: number; approved: number; rejected: number; pending: number; hours: number }>(sql`
      select count(*)::int as received, count(*) filter (where status = 'approved')::int as approved,
             count(*) filter (where status = 'rejected')::int as rejected, count(*) filter (where status = 'pending')::int as pending,
             (percentile_cont(0.5) within group (order by extract(epoch from decided_at - created_at) / 3600))::float8 as hours
      from voucher_applications where district = 'hongqiao' and ${within('created_at')}`);

    expect(f.awards).toBe(awards.n);
    expect(f.enterprisesServed).toBe(awards.served);
    expect(f.medianDaysPublishToAward).toBeCloseTo(awards.median, 2);
    expect(f.requests).toBe(requests.n);
    expect(f.vouchers.issued).toBe(vouchers.n);
    expect(f.vouchers.issuedAmount).toEqual({ CNY: vouchers.face });
    expect(f.vouchers.committed).toEqual({ CNY: claims.amount });
    expect(f.vouchers.paid).toEqual({});
    expect(f.subsidyByCategory).toEqual({ legal: { CNY: claims.amount } });
    expect(f.subsidyByCountry).toEqual({ IQ: { CNY: claims.amount } });
    expect(f.allianceMembers.active).toBe(members.active);
    expect(f.ratings).toEqual({ count: ratings.n, mean: ratings.mean });
    expect(f.applications).toMatchObject({ received: apps.received, approved: apps.approved, rejected: apps.rejected, pending: apps.pending });
    expect(f.applications.medianHoursToAnswer).toBeCloseTo(apps.hours, 1);
    const desk = await one<Record<string, number>>(sql`
      select count(*)::int as received, count(answered_at)::int as answered, count(closed_at)::int as closed,
             count(*) filter (where outcome = 'answered')::int as answered_outcome, count(*) filter (where outcome = 'referred')::int as referred,
             count(*) filter (where outcome = 'odi_filed')::int as odi_filed, count(*) filter (where outcome = 'odi_approved')::int as odi_approved,
             count(*) filter (where overdue_flagged_at is not null)::int as past_due,
             (percentile_cont(0.5) within group (order by extract(epoch from answered_at - asked_at) / 3600))::float8 as hours
      from desk_questions where district = 'hongqiao' and ${within('asked_at')}`);
    expect(f.desk).toMatchObject({
      received: desk.received,
      answered: desk.answered,
      closed: desk.closed,
      pastDue: desk.past_due,
      outcomes: { answered: desk.answered_outcome, referred: desk.referred, odi_filed: desk.odi_filed, odi_approved: desk.odi_approved },
    });
    expect(f.desk.medianHoursToAnswer).toBeCloseTo(desk.hours!, 1);
    // What a user would count by hand: the work above.
    expect([f.awards, f.enterprisesServed, f.requests, f.vouchers.issued, f.ratings.count]).toEqual([2, 2, 3, 2, 1]);
    expect(f.vouchers.committed).toEqual(rmb(150_000).amount === claims.amount ? { CNY: 15_000_000 } : {});
    expect(f.applications).toMatchObject({ received: 3, approved: 1, rejected: 1, pending: 1 });
    expect(f.medianDaysPublishToAward).toBeGreaterThanOrEqual(3);
    expect(f.desk).toMatchObject({ received: 4, answered: 3, closed: 2, pastDue: 2, outcomes: { answered: 0, referred: 1, odi_filed: 0, odi_approved: 1 } });
  });

  it('keeps a closed month frozen: re-running the close changes nothing, later activity does not reach it', async () => {
    const reports = api.app.get(ReportsService, { strict: false });
    await reports.closeDue(new Date('2025-07-05T00:00:00Z'));
    const frozen = await hongqiaoIn();
    const again = await reports.closeDue(new Date('2025-07-05T00:00:00Z'));
    expect(again.every((c) => c.frozen === 0)).toBe(true);

    // A late application dated into June, and one made now: June stays as it was; now's month counts the new one.
    const late = await createEnterprise(api, { district: 'hongqiao' });
    const lateApp = await apply(hongqiao.id, late.token);
    await database.db.execute(sql`update voucher_applications set created_at = '2025-06-20T00:00:00Z' where id = ${lateApp.body.id}::uuid`);
    await apply(hongqiao.id, late.token);
    const lateQuestion = await ask(late.token);
    await database.db.execute(sql`update desk_questions set asked_at = '2025-06-20T00:00:00Z' where id = ${lateQuestion}::uuid`);
    expect(await hongqiaoIn()).toEqual(frozen);
    const current = await hongqiaoIn(monthOf(new Date()));
    expect(current).toMatchObject({ closed: false, closedAt: null });
    expect(current.figures.applications.received).toBe(1);
    expect(current.figures.desk.received).toBe(0);
  });

  it('reads a month frozen before the desk was counted with the desk at zero', async () => {
    const { desk: _desk, ...before } = { ...emptyFigures(), requests: 7 };
    await database.db.execute(
      sql`insert into city_report_months (district, month, city, figures, closed_at) values ('hongqiao', '2024-11', 'shanghai', ${JSON.stringify(before)}::jsonb, '2024-12-01T00:00:00Z')`,
    );
    const old = await hongqiaoIn('2024-11');
    expect(old).toMatchObject({ closed: true, figures: { requests: 7, desk: emptyFigures().desk } });
  });

  it('exports the same figures as CSV and XLSX, a row per figure; the XLSX read back with exceljs matches the JSON', async () => {
    const json = await report();
    const expected = json.months.flatMap((m) => toFigureRows(m.district, m.month, m.closed, m.figures));
    expect(json.months.map((m) => m.district).sort()).toEqual(districtsOfCity('shanghai').sort());

    const xlsx = await api.http
      .get('/v1/reports')
      .query({ city: 'shanghai', from: MONTH, to: MONTH, format: 'xlsx' })
      .set(bearer(coordinator))
      .buffer(true)
      .parse(binary as never)
      .expect(200)
      .expect('Content-Type', /spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('figures')!;
    const read: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const [district, month, closed, figure, key, currency, value] = (row.values as unknown[]).slice(1);
      read.push({ district, month, closed, figure, key: key ?? '', currency: currency ?? '', value: value ?? null });
    });
    expect(read).toEqual(expected);

    const csv = await api.http.get('/v1/reports').query({ city: 'shanghai', from: MONTH, to: MONTH, format: 'csv' }).set(bearer(coordinator)).expect(200);
    const rows = parse((csv.text as string).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(expected.length);
    expect(rows.find((r) => r.district === 'hongqiao' && r.figure === 'subsidyCommitted')).toMatchObject({
      currency: 'CNY',
      value: '15000000',
      closed: 'true',
    });
    expect(rows.find((r) => r.district === 'hongqiao' && r.figure === 'deskQuestions' && r.key === 'pastDue')).toMatchObject({ value: '2' });
  });

  it('lets the coordinator read every district of Shanghai and nothing of Huzhou', async () => {
    await api.http.get('/v1/reports').query({ city: 'huzhou', from: MONTH, to: MONTH }).set(bearer(coordinator)).expect(404);
    const huzhouCoordinator = await api.token('city_coordinator', 'huzhou');
    await api.http.get('/v1/reports').query({ city: 'shanghai', from: MONTH, to: MONTH }).set(bearer(huzhouCoordinator)).expect(404);

    const own = await api.http.get(`/v1/programs/${hongqiao.id}`).set(bearer(coordinator)).expect(200);
    expect(own.body.ledger).toMatchObject({ budget: rmb(10_000_000) });
    const other = await api.http.get(`/v1/programs/${huzhou.id}`).set(bearer(coordinator)).expect(200);
    expect(other.body.ledger).toBeUndefined();

    await api.http.get(`/v1/vouchers/${hongqiaoVoucher}`).set(bearer(coordinator)).expect(200);
    await api.http.get(`/v1/vouchers/${huzhouVoucher}`).set(bearer(coordinator)).expect(404);
    await api.http.get(`/v1/applications/${huzhouApplication}`).set(bearer(coordinator)).expect(404);
    const applications = await api.http.get('/v1/applications').query({ limit: 100 }).set(bearer(coordinator)).expect(200);
    const districts = new Set(applications.body.data.map((a: { district: string }) => a.district));
    expect(districts.has('hongqiao')).toBe(true);
    expect(districts.has('huzhou')).toBe(false);

    const side = await api.http.get('/v1/reports/programs').query({ city: 'shanghai' }).set(bearer(coordinator)).expect(200);
    const ids = side.body.programs.map((p: { id: string }) => p.id);
    expect(ids).toContain(hongqiao.id);
    expect(ids).not.toContain(huzhou.id);
    expect(side.body.programs.every((p: { district: string }) => districtsOfCity('shanghai').includes(p.district))).toBe(true);
    await api.http.get('/v1/reports/programs').query({ city: 'huzhou' }).set(bearer(coordinator)).expect(404);
  });

  it('answers every write of a coordinator with 403', async () => {
    const writes = [
      api.http.post('/v1/programs').send({ district: 'hongqiao' }),
      api.http.post(`/v1/programs/${hongqiao.id}/vouchers`).send({}),
      api.http.post(`/v1/programs/${hongqiao.id}/applications`).send(application),
      api.http.put(`/v1/programs/${hongqiao.id}/alert`).send({ availableBelow: rmb(1) }),
      api.http.post(`/v1/applications/${huzhouApplication}/approve`).send({ faceValue: rmb(1), expiresAt: inDays(5) }),
      api.http.post(`/v1/applications/${huzhouApplication}/reject`).send({ reason: 'no' }),
      api.http.post(`/v1/vouchers/${hongqiaoVoucher}/revoke`).send({}),
      api.http.post('/v1/enterprises').send({}),
      api.http.post('/v1/requests').send({}),
      api.http.post(`/v1/programs/${hongqiao.id}/reconciliations`).send({}),
    ];
    for (const write of writes) {
      const res = await write.set(bearer(coordinator));
      expect([res.status, res.body.code]).toEqual([403, 'forbidden']);
    }
  });
});
