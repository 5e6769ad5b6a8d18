import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { Clock } from '../../src/common/time/clock.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { cny } from '../factories/vouchers.js';
import { eventually, openDatabase, startApi, startWorker, type Api } from '../support/harness.js';

/**
 * Country briefs, risk alerts and the request desk (issue 29). Chongming, Hongqiao, Kuwait and
 * Qatar are this file's alone (Kuwait stands in for Saudi Arabia, which many other files use).
 */
describe('information services and the request desk', () => {
  let api: Api;
  let officer: string;
  const database = openDatabase();

  beforeAll(async () => {
    api = await startApi();
    officer = await api.token('district_officer', 'chongming');
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await api.close();
    await database.close();
  });

  const clockAt = (iso: string) => jest.spyOn(api.app.get(Clock), 'now').mockReturnValue(new Date(iso));
  const outboxCount = async (event: string, recipientOrg: string, key?: [string, string]) => {
    const rows = await database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from outbox where payload->>'event' = ${event} and payload->>'recipientOrg' = ${recipientOrg}
      ${key ? sql`and payload->'data'->>${key[0]} = ${key[1]}` : sql``}`);
    return rows[0]!.n;
  };
  const openRequestIn = async (enterprise: { token: string }, country: string) => {
    const id = await createRequest(api, enterprise.token, {
      category: 'legal',
      services: ['odi_filing'],
      countries: [country],
      budget: { min: cny(1), max: cny(10_000_000) },
    });
    await publish(api, enterprise.token, id);
    return id;
  };

  describe('risk alerts', () => {
    it('tells exactly the enterprises with open requests there, once each, and shows beside their matches until it ends', async () => {
      const first = await createEnterprise(api, { district: 'chongming' });
      const second = await createEnterprise(api, { district: 'chongming' });
      const elsewhere = await createEnterprise(api, { district: 'chongming' });
      const firstRequest = await openRequestIn(first, 'KW');
      await openRequestIn(first, 'KW'); // two requests there: still told once
      await openRequestIn(second, 'KW');
      await openRequestIn(elsewhere, 'QA');
      await createRequest(api, elsewhere.token, { countries: ['KW'] }); // a draft is not an open request

      const validTo = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const alert = {
        countries: ['KW'],
        level: 3,
        titleZh: '科威特：安全风险提示',
        titleEn: 'Kuwait: security risk',
        bodyZh: '请关注 **港口** 安全形势。<script>alert(1)</script>',
        bodyEn: 'Watch the [ports](javascript:alert(1)).',
        validFrom: new Date(Date.now() - 60_000).toISOString(),
        validTo,
      };
      await api.http.post('/v1/risk-alerts').set(bearer(first.token)).send(alert).expect(403);
      await api.http
        .post('/v1/risk-alerts')
        .set(bearer(officer))
        .send({ ...alert, level: 5 })
        .expect(400);
      const late = await api.http
        .post('/v1/risk-alerts')
        .set(bearer(officer))
        .send({ ...alert, validTo: alert.validFrom })
        .expect(400);
      expect(late.body.errors).toEqual([expect.objectContaining({ path: 'validTo' })]);

      const published = await api.http.post('/v1/risk-alerts').set(bearer(officer)).send(alert).expect(201);
      expect(published.body).toMatchObject({ level: 3, countries: ['KW'], publisher: 'chongming', notifiedEnterprises: 2 });
      expect(published.body.html.zh).toContain('<strong>港口</strong>');
      expect(published.body.html.zh).not.toContain('<script>');
      expect(published.body.html.en).not.toMatch(/href=|<a /);
      expect(await outboxCount('risk_alert.published', first.id)).toBe(1);
      expect(await outboxCount('risk_alert.published', second.id)).toBe(1);
      expect(await outboxCount('risk_alert.published', elsewhere.id)).toBe(0);

      const matches = await api.http.get(`/v1/requests/${firstRequest}/matches`).set(bearer(first.token)).expect(200);
      expect(matches.body.riskAlerts).toEqual([expect.objectContaining({ id: published.body.id, level: 3 })]);
      const active = await api.http.get('/v1/risk-alerts').query({ country: 'KW' }).expect(200);
      expect(active.body.data.map((a: { id: string }) => a.id)).toEqual([published.body.id]);
      expect((await api.http.get('/v1/risk-alerts').query({ country: 'QA' }).expect(200)).body.data).toEqual([]);
      await api.http.get('/v1/risk-alerts').query({ country: 'XX' }).expect(400);

      // Raised to level 4 by its district: the same two are told again, once each.
      const raise = (token: string, level: number) => api.http.post(`/v1/risk-alerts/${published.body.id}/raise`).set(bearer(token)).send({ level });
      await raise(await api.token('district_officer', 'hongqiao'), 4).expect(404);
      expect((await raise(officer, 4).expect(200)).body).toMatchObject({ level: 4, notifiedEnterprises: 2 });
      await raise(officer, 4).expect(409);
      expect(await outboxCount('risk_alert.raised', first.id)).toBe(1);
      expect(await outboxCount('risk_alert.raised', elsewhere.id)).toBe(0);

      // After its end date it is gone from both.
      const clock = clockAt(new Date(Date.parse(validTo) + 1000).toISOString());
      try {
        expect((await api.http.get('/v1/risk-alerts').query({ country: 'KW' }).expect(200)).body.data).toEqual([]);
        expect((await api.http.get(`/v1/requests/${firstRequest}/matches`).set(bearer(first.token)).expect(200)).body.riskAlerts).toEqual([]);
      } finally {
        clock.mockRestore();
      }
    });
  });

  describe('country briefs', () => {
    it('keeps every version, the latest first, rendered inert', async () => {
      const manager = await api.token('alliance_manager', '0b7e4a52-3c1d-4e8f-9a6b-5d2c1e0f9a87');
      const enterprise = await createEnterprise(api, { district: 'chongming' });
      const brief = (n: number) => ({
        titleZh: `卡塔尔投资指南 第${n}版`,
        titleEn: `Qatar investment guide, edition ${n}`,
        bodyZh: `## 准入\n\n第${n}版 <img src=x onerror="alert(1)">`,
        bodyEn: `## Entry\n\nEdition ${n}: [the ministry](https://www.moci.gov.qa) and [not this](javascript:alert(1))`,
      });
      await api.http.post('/v1/countries/QA/briefs').set(bearer(enterprise.token)).send(brief(0)).expect(403);
      await api.http.post('/v1/countries/ZZ/briefs').set(bearer(officer)).send(brief(0)).expect(400);
      expect((await api.http.post('/v1/countries/QA/briefs').set(bearer(officer)).send(brief(1)).expect(201)).body.version).toBe(1);
      expect((await api.http.post('/v1/countries/QA/briefs').set(bearer(manager)).send(brief(2)).expect(201)).body.version).toBe(2);

      const first = await api.http.get('/v1/countries/QA/briefs').query({ limit: 1 }).expect(200);
      expect(first.body.data).toEqual([expect.objectContaining({ version: 2, publisher: { role: 'alliance_manager', org: expect.any(String) } })]);
      expect(first.body.data[0].html.zh).not.toMatch(/<img/);
      expect(first.body.data[0].html.en).toContain('href="https://www.moci.gov.qa"');
      // The javascript: link stays as plain text: no anchor carries it.
      expect(first.body.data[0].html.en).not.toMatch(/href="javascript:/i);
      expect(first.body.data[0].html.en.match(/<a /g)).toHaveLength(1);
      const rest = await api.http.get('/v1/countries/QA/briefs').query({ limit: 1, cursor: first.body.nextCursor }).expect(200);
      expect(rest.body).toEqual({ data: [expect.objectContaining({ version: 1 })], nextCursor: null });
      expect((await api.http.get('/v1/countries/KW/briefs').expect(200)).body).toEqual({ data: [], nextCursor: null });
    });
  });

  describe('the request desk', () => {
    let worker: INestApplicationContext | undefined;
    afterAll(async () => worker?.close());

    it('gives a question asked on a Friday before a working Saturday the due date the calendar says, and only its district sees it', async () => {
      const enterprise = await createEnterprise(api, { district: 'chongming' });
      const stranger = await createEnterprise(api, { district: 'chongming' });
      const otherOfficer = await api.token('district_officer', 'qingpu');

      // Friday 9 October 2026; Saturday the 10th is worked (国办发明电〔2025〕7号): due at the end of Monday the 12th.
      let clock = clockAt('2026-10-09T15:30:00+08:00');
      const asked = await api.http
        .post('/v1/desk/questions')
        .set(bearer(enterprise.token))
        .send({ topic: 'odi_filing', text: '科威特子公司 ODI 备案材料？' })
        .expect(201);
      clock.mockRestore();
      expect(asked.body).toMatchObject({ district: 'chongming', status: 'open', askedAt: '2026-10-09T07:30:00.000Z', dueAt: '2026-10-12T16:00:00.000Z' });
      // Friday 13 February 2026, before a working Saturday and the Spring Festival: due at the end of Tuesday the 24th.
      clock = clockAt('2026-02-13T10:00:00+08:00');
      const festival = await api.http.post('/v1/desk/questions').set(bearer(enterprise.token)).send({ topic: 'tax', text: '税务问题' }).expect(201);
      clock.mockRestore();
      expect(festival.body.dueAt).toBe('2026-02-24T16:00:00.000Z');
      await api.http.post('/v1/desk/questions').set(bearer(enterprise.token)).send({ topic: 'visa', text: 'x' }).expect(400);

      const id = asked.body.id as string;
      await api.http.get(`/v1/desk/questions/${id}`).set(bearer(stranger.token)).expect(404);
      await api.http.get(`/v1/desk/questions/${id}`).set(bearer(otherOfficer)).expect(404);
      await api.http.post(`/v1/desk/questions/${id}/take`).set(bearer(otherOfficer)).expect(404);
      await api.http.get(`/v1/desk/questions/${id}`).set(bearer(officer)).expect(200);
      expect((await api.http.get('/v1/desk/questions').set(bearer(stranger.token)).expect(200)).body).toEqual({ data: [], nextCursor: null });
      expect((await api.http.get('/v1/desk/questions').set(bearer(otherOfficer)).expect(200)).body.data).toEqual([]);
      const mine = await api.http.get('/v1/desk/questions').query({ limit: 1 }).set(bearer(enterprise.token)).expect(200);
      const next = await api.http.get('/v1/desk/questions').query({ limit: 1, cursor: mine.body.nextCursor }).set(bearer(enterprise.token)).expect(200);
      expect([...mine.body.data, ...next.body.data].map((q: { id: string }) => q.id)).toEqual([id, festival.body.id]);
      expect(next.body.nextCursor).toBeNull();

      // The officer takes, answers (the enterprise is told) and closes the February question.
      const q2 = festival.body.id as string;
      await api.http.post(`/v1/desk/questions/${q2}/take`).set(bearer(officer)).expect(200);
      await api.http.post(`/v1/desk/questions/${q2}/take`).set(bearer(officer)).expect(409);
      const answered = await api.http
        .post(`/v1/desk/questions/${q2}/answer`)
        .set(bearer(officer))
        .send({ answer: '可申请崇明区出海服务补贴。', programIds: ['6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'] })
        .expect(200);
      expect(answered.body).toMatchObject({ status: 'answered', answer: '可申请崇明区出海服务补贴。' });
      expect(await outboxCount('desk.question_answered', enterprise.id, ['questionId', q2])).toBe(1);
      await api.http.post(`/v1/desk/questions/${q2}/close`).set(bearer(officer)).send({ outcome: 'approved' }).expect(400);
      expect((await api.http.post(`/v1/desk/questions/${q2}/close`).set(bearer(officer)).send({ outcome: 'odi_approved' }).expect(200)).body).toMatchObject({
        status: 'closed',
        outcome: 'odi_approved',
      });
      await api.http.post(`/v1/desk/questions/${q2}/close`).set(bearer(officer)).send({ outcome: 'answered' }).expect(409);
      const summary = await api.http.get('/v1/desk/summary').set(bearer(officer)).expect(200);
      expect(summary.body).toMatchObject({ district: 'chongming', asked: 2, open: 1, outcomes: { odi_approved: 1, answered: 0 } });

      // Past due and still open: the scheduled job flags it to the district once, however often it runs.
      const prefix = `${process.env.REDIS_PREFIX}_desk`;
      const queue = new Queue('desk', { connection: { url: process.env.REDIS_URL! }, prefix });
      try {
        worker = await startWorker({ REDIS_PREFIX: prefix, DESK_OVERDUE_SWEEP_MS: '200' });
        const flagged = await eventually(
          () =>
            api.http
              .get(`/v1/desk/questions/${id}`)
              .set(bearer(officer))
              .then((r) => r.body),
          (q) => q.overdue === true,
          20_000,
        );
        expect(flagged.status).toBe('open');
        const runs = await queue.getCompletedCount();
        await eventually(
          () => queue.getCompletedCount(),
          (n) => n >= runs + 2,
          20_000,
        );
        expect(await outboxCount('desk.question_overdue', 'chongming', ['questionId', id])).toBe(1);
        expect(await outboxCount('desk.question_overdue', 'chongming', ['questionId', q2])).toBe(0);
        expect((await api.http.get('/v1/desk/summary').set(bearer(officer)).expect(200)).body.overdue).toBe(1);
      } finally {
        await queue.close();
      }
    });

    it("lets an admin load a year's schedule, and refuses a working day that is not a weekend day", async () => {
      const admin = await api.token('admin', 'platform');
      const enterprise = await createEnterprise(api, { district: 'chongming' });
      const year2027 = (await api.http.get('/v1/desk/calendar/2027').set(bearer(enterprise.token)).expect(200)).body;
      expect(year2027.holidays).toEqual(expect.arrayContaining(['2027-01-01', '2027-02-08', '2027-10-01']));
      await api.http.put('/v1/desk/calendar/2027').set(bearer(officer)).send({ holidays: [], workdays: [], source: 'x' }).expect(403);
      const wrong = await api.http
        .put('/v1/desk/calendar/2027')
        .set(bearer(admin))
        .send({ holidays: ['2026-12-31'], workdays: ['2027-02-10'], source: 'x' })
        .expect(400);
      expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['holidays.0', 'workdays.0']);
      await api.http.get('/v1/desk/calendar/20x7').set(bearer(enterprise.token)).expect(400);
    });
  });
});
