import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { enterpriseBody } from '../factories/enterprises.js';
import { devSession, type BrowserSession } from '../factories/sessions.js';
import { eventually, openDatabase, startApi, startWorker, type Api } from '../support/harness.js';
import { SmtpCatcher } from '../support/smtp-catcher.js';

// Districts of this file only: chongming, jinshan.
const PUBLIC_BASE_URL = 'https://seaward.example';

/** Colleagues invited by email, and every notification fanned out to people's inboxes and mailboxes, over a real SMTP server. */
describe('colleagues, the inbox and email', () => {
  const smtp = new SmtpCatcher();
  let api: Api;
  let worker: INestApplicationContext;
  let database: ReturnType<typeof openDatabase>;
  let mailQueue: Queue;

  beforeAll(async () => {
    await smtp.start();
    const env = { AUTH_DEV_TOKENS: 'true', PUBLIC_BASE_URL, SMTP_URL: smtp.url, MAIL_FROM: 'Seaward <no-reply@seaward.example>', JOB_BACKOFF_SCALE: '0.005' };
    api = await startApi(env);
    worker = await startWorker(env);
    database = openDatabase();
    mailQueue = new Queue('mail', { connection: { url: process.env.REDIS_URL! }, prefix: process.env.REDIS_PREFIX ?? 'seaward' });
  }, 60_000);
  afterAll(async () => {
    await mailQueue?.close();
    await database?.close();
    await worker?.close();
    await api?.close();
    await smtp.stop();
  });

  const as = (session: BrowserSession) => ({ Cookie: session.cookie });
  const tokenOf = (text: string) => /invitations\/accept\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

  async function ownerOfEnterprise(district: string) {
    const owner = await devSession(api, { role: 'enterprise', org: randomUUID(), name: '王芳', email: `wang.${randomUUID()}@example.cn` });
    await api.http
      .post('/v1/enterprises')
      .set(as(owner))
      .send(enterpriseBody({ district, name: '上海崇明电池有限公司' }))
      .expect(201);
    return owner;
  }

  it('emails an invitation in both languages with a single-use link; the colleague accepts, and the owner can remove them', async () => {
    const owner = await ownerOfEnterprise('chongming');
    const org = owner.me.org;
    const colleagueEmail = `li.${randomUUID()}@example.cn`;
    const invited = await api.http.post(`/v1/organisations/${org}/invitations`).set(as(owner)).send({ email: colleagueEmail, role: 'member' }).expect(201);
    expect(invited.body).toMatchObject({ email: colleagueEmail, role: 'member', organisationType: 'enterprise', organisationId: org });

    const [mail] = await eventually(
      async () => smtp.to(colleagueEmail),
      (m) => m.length === 1,
      20_000,
    );
    expect(mail!.subject).toBe('王芳 邀请您加入「上海崇明电池有限公司」 | 王芳 invited you to join 上海崇明电池有限公司');
    expect(mail!.from?.text).toContain('no-reply@seaward.example');
    expect(mail!.text!.indexOf('邀请您作为同事加入')).toBeLessThan(mail!.text!.indexOf('invited you to join'));
    expect(mail!.html).toContain(`href="${PUBLIC_BASE_URL}/invitations/accept?token=`);
    const token = tokenOf(mail!.text!)!;

    const colleague = await devSession(api, { role: 'provider', org: randomUUID(), name: '李雷', email: colleagueEmail });
    const accepted = await api.http.post('/v1/invitations/accept').set(as(colleague)).send({ token }).expect(200);
    expect(accepted.body).toMatchObject({ role: 'enterprise', org });
    expect(accepted.body.memberships).toContainEqual(
      expect.objectContaining({ organisationId: org, memberRole: 'member', organisationName: '上海崇明电池有限公司' }),
    );
    expect((await api.http.post('/v1/invitations/accept').set(as(colleague)).send({ token }).expect(409)).body.code).toBe('conflict');

    const members = (await api.http.get(`/v1/organisations/${org}/members`).set(as(colleague)).expect(200)).body.data;
    expect(members.map((m: { name: string; memberRole: string }) => [m.name, m.memberRole])).toEqual([
      ['王芳', 'owner'],
      ['李雷', 'member'],
    ]);
    await api.http.post(`/v1/organisations/${org}/invitations`).set(as(colleague)).send({ email: 'x@example.cn' }).expect(403);
    const stranger = await devSession(api, { role: 'enterprise', org: randomUUID() });
    await api.http.get(`/v1/organisations/${org}/members`).set(as(stranger)).expect(404);

    await api.http.get(`/v1/enterprises/${org}`).set(as(colleague)).expect(200);
    await api.http.delete(`/v1/organisations/${org}/members/${colleague.me.person.id}`).set(as(owner)).expect(204);
    expect((await api.http.get(`/v1/enterprises/${org}`).set(as(colleague)).expect(403)).body.code).toBe('forbidden');
    const audit = await database.db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_id = ${org} ORDER BY id`);
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['invitation.sent', 'invitation.accepted', 'organisation_member.added', 'organisation_member.removed']),
    );
  }, 60_000);

  it("fans a notification out to the organisation's people: inbox for all, email as each prefers", async () => {
    const officerEmail = `officer.${randomUUID()}@jinshan.gov.cn`;
    const officer = await devSession(api, { role: 'district_officer', org: 'jinshan', name: '金山区商务委', email: officerEmail });
    await ownerOfEnterprise('jinshan');

    const inbox = await eventually(
      async () => (await api.http.get('/v1/me/notifications').set(as(officer)).expect(200)).body,
      (b) => b.unreadCount === 1,
    );
    expect(inbox.data[0]).toMatchObject({
      event: 'enterprise.registered',
      title: { zh: '辖区新企业完成注册', en: 'An enterprise registered in your district' },
    });
    expect(inbox.data[0].link).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/enterprises/`));
    const [mail] = await eventually(
      async () => smtp.to(officerEmail),
      (m) => m.length === 1,
      20_000,
    );
    expect(mail!.subject).toBe('辖区新企业完成注册 | An enterprise registered in your district');
    expect(mail!.text).toContain(`${PUBLIC_BASE_URL}/enterprises/`);

    const read = await api.http.post(`/v1/me/notifications/${inbox.data[0].id}/read`).set(as(officer)).expect(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await api.http.get('/v1/me/notifications?unread=true').set(as(officer)).expect(200)).body).toMatchObject({ data: [], unreadCount: 0 });

    await api.http
      .put('/v1/me/preferences')
      .set(as(officer))
      .send({ email: true, mutedEvents: ['enterprise.registered'] })
      .expect(200);
    await ownerOfEnterprise('jinshan');
    const second = await eventually(
      async () => (await api.http.get('/v1/me/notifications').set(as(officer)).expect(200)).body,
      (b) => b.unreadCount === 1,
    );
    // The email would have been queued in the transaction that made the inbox item: there is none.
    const queued = await database.db.execute(sql`SELECT 1 FROM outbox WHERE queue = 'mail' AND payload->>'key' = ${`inbox:${second.data[0].id}`}`);
    expect(queued).toHaveLength(0);
    expect(smtp.to(officerEmail)).toHaveLength(1);
  }, 60_000);

  it('delivers an invitation exactly once after the mail relay was down through several retries', async () => {
    const owner = await ownerOfEnterprise('chongming');
    const email = `late.${randomUUID()}@example.cn`;
    await smtp.stop();
    const invited = await api.http.post(`/v1/organisations/${owner.me.org}/invitations`).set(as(owner)).send({ email }).expect(201);
    const key = `invitation:${invited.body.id}`;
    await eventually(
      async () => (await mailQueue.getJobs(['delayed', 'wait', 'active', 'failed'])).find((job) => job.data.key === key)?.attemptsMade ?? 0,
      (attempts) => attempts >= 3,
      30_000,
    );
    await smtp.start();
    await eventually(
      async () => database.db.execute<{ attempts: number }>(sql`SELECT attempts FROM mail_deliveries WHERE key = ${key}`),
      (rows) => rows.length === 1,
      30_000,
    );
    expect(smtp.to(email)).toHaveLength(1);
  }, 90_000);

  it('answers bad input with 4xx, and /v1/me routes refuse bearer tokens', async () => {
    const owner = await ownerOfEnterprise('chongming');
    await api.http.post(`/v1/organisations/${owner.me.org}/invitations`).set(as(owner)).send({ email: 'not-an-email' }).expect(400);
    await api.http.post('/v1/organisations/NOT%20AN%20ID/invitations').set(as(owner)).send({ email: 'a@b.cn' }).expect(400);
    await api.http
      .post('/v1/invitations/accept')
      .set(as(owner))
      .send({ token: 'x'.repeat(43) })
      .expect(404);
    const token = await api.token('enterprise', owner.me.org);
    await api.http.get('/v1/me/notifications').auth(token, { type: 'bearer' }).expect(403);
    await api.http.get('/v1/me/notifications?cursor=garbage').set(as(owner)).expect(400);
  });
});
