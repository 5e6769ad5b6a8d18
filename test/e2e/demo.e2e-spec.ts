import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { addMonths, monthBounds, monthOf, type MonthFigures } from '../../libs/city-reports/index.js';
import { G60_CITY_CODES } from '../../libs/reference-data/index.js';
import { createSql } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { DEMO_ALLIANCES, demoAlliance } from '../../src/demo/alliances.js';
import { DEMO_ENTERPRISES } from '../../src/demo/demo-enterprises.js';
import { DEMO_PROGRAMMES } from '../../src/demo/programs.js';
import { DEMO_PROVIDER_ID } from '../../src/demo/showcase.js';
import { G60_PROGRAMME_NAME } from '../../src/demo/g60.js';
import { runDemo } from '../../src/demo/run-demo.js';
import { seedDemo } from '../../src/demo/seed.js';
import { verifyLedger } from '../../src/modules/ledger/ledger-verify.js';
import { bearer } from '../factories/providers.js';
import { startApi, startWorker, type Api } from '../support/harness.js';

/**
 * The demo marketplace fills every district's programmes and alliances, so it gets a fresh
 * database of its own (and a Redis prefix to match): the other test files share theirs and
 * count providers and invitations in the same countries.
 */
const adminUrl = process.env.SEAWARD_TEST_ADMIN_URL ?? process.env.DATABASE_URL!;
const databaseName = `${process.env.SEAWARD_TEST_DATABASE ?? 'seaward_test'}_demo`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${databaseName}` }).toString();
const env = { DATABASE_URL: databaseUrl, REDIS_PREFIX: `${process.env.REDIS_PREFIX}_demo` };

describe('the demo marketplace and the guided demo', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let sql: postgres.Sql;

  beforeAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
    await admin.unsafe(`create database "${databaseName}"`).finally(() => admin.end());
    await migrateDatabase(databaseUrl);
    sql = createSql(databaseUrl, 2);
    api = await startApi(env);
    worker = await startWorker(env);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sql?.end({ timeout: 5 });
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    if (process.env.SEAWARD_KEEP_TEST_DB !== 'true') await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
    await admin.end();
  });

  async function alliancesAndPrograms() {
    const officer = await api.token('district_officer', 'xuhui');
    const alliances = (await api.http.get('/v1/alliances').set(bearer(officer)).expect(200)).body.data as {
      id: string;
      districts: string[];
      memberCount: number;
    }[];
    const programs = [];
    for (const { district, name } of Object.values(DEMO_PROGRAMMES)) {
      const list = (await api.http.get(`/v1/programs?district=${district}&limit=100`).set(bearer(officer)).expect(200)).body.data as {
        id: string;
        name: string;
      }[];
      programs.push(...list.filter((p) => p.name === name));
    }
    const [{ engagements }] = await sql`select count(*)::int as engagements from engagements`;
    return { alliances, programs, engagements: engagements as number };
  }

  it('seeds the alliances and programmes of docs/product.md with months of history, and seeding again changes nothing', async () => {
    const first = await seedDemo(databaseUrl, { env });
    expect(first.history).toBe('created');
    expect(first.inserted).toEqual({
      alliances: 4,
      providers: first.generated.providers,
      memberships: first.generated.providers,
      enterprises: first.generated.enterprises,
    });

    const seeded = await alliancesAndPrograms();
    const count = (key: 'xuhui' | 'jingan' | 'g60' | 'lingang') => seeded.alliances.find((a) => a.id === demoAlliance(key).id)!;
    expect(count('xuhui').memberCount).toBe(21);
    expect(count('jingan').memberCount).toBe(103);
    expect(count('g60').memberCount).toBeGreaterThanOrEqual(200);
    expect([...count('g60').districts].sort()).toEqual([...G60_CITY_CODES].sort());
    expect(count('lingang').memberCount).toBeGreaterThanOrEqual(300);
    const [{ foreign }] = await sql`
      select count(*)::int as foreign from alliance_memberships m join providers p on p.id = m.provider_id
      where m.alliance_id = ${demoAlliance('jingan').id} and m.status = 'active' and p.description like '%Foreign-invested%'`;
    expect(foreign).toBeGreaterThan(103 / 2);
    const g60Cities = await sql`
      select distinct p.district from alliance_memberships m join providers p on p.id = m.provider_id
      where m.alliance_id = ${demoAlliance('g60').id} and m.status = 'active'`;
    expect(g60Cities.map((r) => r.district).sort()).toEqual([...G60_CITY_CODES].sort());

    expect(seeded.programs).toEqual([
      expect.objectContaining({ district: 'xuhui', rateBps: 3000, perEnterpriseCap: { amount: 30_000_000, currency: 'CNY' }, providerRule: 'in_district' }),
      expect.objectContaining({ district: 'lingang', rateBps: 5000, redemption: 'enterprise' }),
      expect.objectContaining({ district: 'jingan', providerRule: 'alliance_member' }),
    ]);
    // Issue 28: the G60 corridor's programme, run by Songjiang and co-funded by the nine cities.
    const songjiang = await api.token('district_officer', 'songjiang');
    const g60Programme = (await api.http.get('/v1/programs?district=songjiang&limit=100').set(bearer(songjiang)).expect(200)).body.data.find(
      (p: { name: string }) => p.name === G60_PROGRAMME_NAME,
    );
    expect(g60Programme.funders.map((f: { district: string }) => f.district).sort()).toEqual([...G60_CITY_CODES].sort());
    expect(g60Programme.funders.reduce((sum: number, f: { shareBps: number }) => sum + f.shareBps, 0)).toBe(10_000);
    const hefei = await api.token('district_officer', 'hefei');
    const hefeiPart = (await api.http.get(`/v1/programs/${g60Programme.id}/funders`).set(bearer(hefei)).expect(200)).body.funders;
    expect(hefeiPart).toEqual([
      expect.objectContaining({ district: 'hefei', shareBps: 1000, ledger: expect.objectContaining({ available: { amount: 200_000_000, currency: 'CNY' } }) }),
    ]);
    expect(first.purchases.completed).toBeGreaterThanOrEqual(30);
    const [{ days }] = await sql`select extract(day from now() - min(created_at))::int as days from engagements`;
    expect(days).toBeGreaterThanOrEqual(90);
    const [{ settled }] = await sql`select count(*)::int as settled from settlements`;
    expect(settled).toBe(3);
    expect(await verifyLedger(sql)).toEqual([]);

    // Issue 29: Xuhui's Middle East guide, an alert for Saudi Arabia, Jing'an's ODI window.
    const guides = (await api.http.get('/v1/countries/SA/briefs').expect(200)).body.data;
    expect(guides).toEqual([expect.objectContaining({ titleZh: '中东投资攻略', publisher: { role: 'district_officer', org: 'xuhui' } })]);
    expect((await api.http.get('/v1/risk-alerts').query({ country: 'SA' }).expect(200)).body.data).toHaveLength(1);
    // The demo accounts open on work in progress, and their people were told of it in words.
    const demoEnterprise = await api.token('enterprise', DEMO_ENTERPRISES[0].id);
    const demoEngagements = (await api.http.get('/v1/engagements').set(bearer(demoEnterprise)).expect(200)).body.data;
    expect(demoEngagements.filter((e: { payment: { milestones: { toApprove: number } | null } | null }) => e.payment?.milestones?.toApprove)).toEqual([
      expect.objectContaining({ providerId: DEMO_PROVIDER_ID, status: 'in_progress' }),
    ]);
    const demoProvider = await api.token('provider', DEMO_PROVIDER_ID);
    const invitations = (await api.http.get('/v1/invitations').set(bearer(demoProvider)).expect(200)).body.data;
    expect(invitations.filter((i: { request: { status: string } }) => i.request.status === 'open')).toHaveLength(1);
    const told = await sql`
      select i.event from inbox_items i join people p on p.id = i.person_id where p.subject = ${`dev:enterprise:${DEMO_ENTERPRISES[0].id}`}`;
    expect(told.map((r) => r.event)).toEqual(expect.arrayContaining(['risk_alert.published', 'milestone.delivered', 'engagement.message', 'voucher.issued']));
    const jinganOfficer = await api.token('district_officer', 'jingan');
    const desk = (await api.http.get('/v1/desk/summary').set(bearer(jinganOfficer)).expect(200)).body;
    expect(desk).toMatchObject({ asked: 18, outcomes: { odi_approved: 2 } });

    // The city's side (issue 28): applications in every programme, and closed report months with the history's awards.
    const applications = await sql`select status, count(*)::int as n from voucher_applications group by status`;
    const byStatus = Object.fromEntries(applications.map((r) => [r.status as string, r.n as number]));
    expect(byStatus.pending).toBe(3);
    expect((byStatus.approved ?? 0) + (byStatus.rejected ?? 0)).toBe(6);
    const [{ months }] = await sql`
      select count(distinct month)::int as months from city_report_months where city = 'shanghai' and (figures->>'awards')::int > 0`;
    expect(months).toBeGreaterThanOrEqual(1);
    // The closed months count Jing'an's desk: the questions the window handled (backdated into them), as the rows say.
    const coordinator = await api.token('city_coordinator', 'shanghai');
    const current = monthOf(new Date());
    const report = (
      await api.http
        .get('/v1/reports')
        .query({ city: 'shanghai', from: addMonths(current, -3), to: addMonths(current, -1) })
        .set(bearer(coordinator))
        .expect(200)
    ).body as { months: { district: string; closed: boolean; figures: MonthFigures }[] };
    const jinganClosed = report.months.filter((m) => m.district === 'jingan');
    expect(jinganClosed.length).toBe(3);
    expect(jinganClosed.every((m) => m.closed)).toBe(true);
    const sum = (of: (f: MonthFigures) => number) => jinganClosed.reduce((total, m) => total + of(m.figures), 0);
    const [rows] = await sql`
      select count(*)::int as received, count(*) filter (where outcome = 'odi_approved')::int as approved,
             count(*) filter (where overdue_flagged_at is not null)::int as past_due
      from desk_questions where district = 'jingan' and asked_at < ${monthBounds(current).start}`;
    expect(rows!.received).toBeGreaterThan(0);
    expect([sum((f) => f.desk.received), sum((f) => f.desk.outcomes.odi_approved), sum((f) => f.desk.pastDue)]).toEqual([
      rows!.received,
      rows!.approved,
      rows!.past_due,
    ]);
    // Every ODI approval of the window is in a closed month; the questions still open are on today's desk.
    expect(sum((f) => f.desk.outcomes.odi_approved)).toBe(desk.outcomes.odi_approved);
    const [{ untaken }] = await sql`select count(*)::int as untaken from desk_questions where district = 'jingan' and status = 'open'`;
    expect(sum((f) => f.desk.received)).toBe(desk.asked - untaken);

    // The burn-down tells the months of history: funded half a year ago, spent since, spending still.
    const xuhui = seeded.programs[0]!;
    const officer = await api.token('district_officer', 'xuhui');
    const history = (await api.http.get(`/v1/programs/${xuhui.id}/ledger/history`).set(bearer(officer)).expect(200)).body;
    expect(history.points.length).toBeGreaterThan(30);
    expect(Date.now() - Date.parse(history.points[0].date)).toBeGreaterThan(170 * 86_400_000);
    expect(history.points.at(-1).available).toBeLessThan(history.points[0].available);
    expect(history.burnDown.spentPerDay).toBeGreaterThan(0);
    expect(history.burnDown.runsOutOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const second = await seedDemo(databaseUrl, { env });
    expect(second.history).toBe('already there');
    expect(second.inserted).toEqual({ alliances: 0, providers: 0, memberships: 0, enterprises: 0 });
    expect(await alliancesAndPrograms()).toEqual(seeded);
    expect(DEMO_ALLIANCES).toHaveLength(4);
  }, 180_000);

  it('replays the seeded history differently under weights that emphasise quality: the history feeds the factors', async () => {
    const admin = await api.token('admin', 'platform');
    const xuhui = (await api.http.get('/v1/alliances').set(bearer(admin)).expect(200)).body.data.find((a: { districts: string[] }) =>
      a.districts.includes('xuhui'),
    );
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const replay = async (weights: Record<string, number>) => {
      const queued = await api.http.post('/v1/quality/replays').set(bearer(admin)).send({ weights, from, to, allianceId: xuhui.id }).expect(202);
      for (let i = 0; i < 200; i++) {
        const body = (await api.http.get(`/v1/quality/replays/${queued.body.replayId}`).set(bearer(admin)).expect(200)).body;
        if (body.status !== 'queued') return body.result;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('replay did not finish');
    };
    const fit = await replay({ country_coverage: 1, service_fit: 1, sector_experience: 1, language: 1, price_fit: 1 });
    const withQuality = await replay({ country_coverage: 1, service_fit: 1, sector_experience: 1, language: 1, price_fit: 1, quality: 5 });
    expect(fit.requests).toBeGreaterThan(0);
    // Were quality the same for every candidate (no history), adding it would change no order.
    expect(withQuality.proposed.distribution).not.toEqual(fit.proposed.distribution);
  });

  it('walks an EV battery maker in Xuhui through Saudi set-up: match, bids, voucher award, payment, delivery, reconciliation, settlement', async () => {
    const lines: string[] = [];
    const baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    const result = await runDemo({ baseUrl, log: (line) => lines.push(line) });

    // 30% of 1,200,000 RMB is 360,000: Xuhui's cap holds the subsidy at 300,000.
    expect(result).toMatchObject({ price: 120_000_000, subsidy: 30_000_000, enterpriseShare: 90_000_000, settledToProvider: 30_000_000 });
    const output = lines.join('\n');
    expect(output).toContain('合同价 ¥1,200,000.00');
    expect(output).toContain('企业支付 ¥900,000.00');
    expect(output).toContain(`${baseUrl}/sign-in`);
    expect(output).toContain('演示完成 · Demo complete.');

    const enterprise = await api.token('enterprise', result.enterpriseId);
    const engagement = (await api.http.get(`/v1/engagements/${result.engagementId}`).set(bearer(enterprise)).expect(200)).body;
    expect(engagement).toMatchObject({ status: 'completed', payment: { method: 'bank_transfer', status: 'succeeded' } });
    const officer = await api.token('district_officer', 'xuhui');
    const settlement = (await api.http.get(`/v1/settlements/${result.settlementId}`).set(bearer(officer)).expect(200)).body;
    expect(settlement.status).toBe('paid');
    expect(result.ledger.paid!.amount).toBeGreaterThanOrEqual(30_000_000);
    expect(await verifyLedger(sql)).toEqual([]);
  }, 120_000);
});
