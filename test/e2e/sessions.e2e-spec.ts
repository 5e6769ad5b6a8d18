import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { enterpriseBody } from '../factories/enterprises.js';
import { providerBody } from '../factories/providers.js';
import { requestBody } from '../factories/requests.js';
import { devSession, type BrowserSession } from '../factories/sessions.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

// Districts and countries of this file only: yangpu, LI.
const DISTRICT = 'yangpu';
const PUBLIC_BASE_URL = 'https://seaward.example';

describe('browser sessions', () => {
  let api: Api;
  let database: ReturnType<typeof openDatabase>;
  beforeAll(async () => {
    api = await startApi({ AUTH_DEV_TOKENS: 'true', PUBLIC_BASE_URL, SESSION_IDLE_MINUTES: '30' });
    database = openDatabase();
  });
  afterAll(async () => {
    await database.close();
    await api.close();
  });

  const me = (session: BrowserSession) => api.http.get('/v1/me').set('Cookie', session.cookie);

  it('signs a person in with an httpOnly, SameSite=Lax, Secure cookie and answers /v1/me with the active membership', async () => {
    const org = randomUUID();
    const res = await api.http
      .post('/auth/dev-session')
      .send({ role: 'enterprise', org, name: '王芳', email: `wang.${org}@example.cn` })
      .expect(201);
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('seaward_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    const body = (await api.http.get('/v1/me').set('Cookie', cookie.split(';')[0]!).expect(200)).body;
    expect(body).toMatchObject({
      person: { name: '王芳', email: `wang.${org}@example.cn` },
      role: 'enterprise',
      org,
      activeMembershipId: body.memberships[0].id,
    });
    expect(body.memberships).toEqual([
      expect.objectContaining({ organisationType: 'enterprise', organisationId: org, role: 'enterprise', memberRole: 'owner', organisationName: null }),
    ]);
  });

  it("signs a city coordinator in as a member of the city, who reads the city's report and nothing of another city", async () => {
    const res = await api.http.post('/auth/dev-session').send({ role: 'city_coordinator', org: 'shanghai', name: '市协调员' }).expect(201);
    const cookie = [res.headers['set-cookie']]
      .flat()
      .find((c) => c?.startsWith('seaward_session='))!
      .split(';')[0]!;
    const body = (await api.http.get('/v1/me').set('Cookie', cookie).expect(200)).body;
    expect(body).toMatchObject({ role: 'city_coordinator', org: 'shanghai' });
    expect(body.memberships).toEqual([
      expect.objectContaining({ organisationType: 'city', organisationId: 'shanghai', memberRole: 'member', organisationName: 'Shanghai' }),
    ]);
    await api.http.get('/v1/reports/programs?city=shanghai').set('Cookie', cookie).expect(200);
    await api.http.get('/v1/reports/programs?city=suzhou').set('Cookie', cookie).expect(404);
  });

  it('refuses a write carrying the cookie from another origin with 403, and lets the web app and same-origin writes through', async () => {
    const session = await devSession(api, { role: 'enterprise', org: randomUUID() });
    const post = () =>
      api.http
        .post('/v1/enterprises')
        .set('Cookie', session.cookie)
        .send(enterpriseBody({ district: DISTRICT }));
    const forged = await post().set('Origin', 'https://evil.example').set('Sec-Fetch-Site', 'cross-site').expect(403);
    expect(forged.body.code).toBe('forbidden');
    await post().set('Origin', 'https://evil.example').expect(403);
    await api.http.get('/v1/me').set('Cookie', session.cookie).set('Origin', 'https://evil.example').set('Sec-Fetch-Site', 'cross-site').expect(200);
    await post().set('Origin', PUBLIC_BASE_URL).set('Sec-Fetch-Site', 'same-site').expect(201);
  });

  it('answers 401 to a session idle for longer than the idle timeout', async () => {
    const session = await devSession(api, { role: 'enterprise', org: randomUUID() });
    await me(session).expect(200);
    await database.db.execute(sql`UPDATE auth_sessions SET last_seen_at = now() - interval '31 minutes' WHERE person_id = ${session.me.person.id}`);
    expect((await me(session).expect(401)).body.code).toBe('unauthenticated');
  });

  it('answers 401 to a session past its absolute lifetime, however busy', async () => {
    const session = await devSession(api, { role: 'enterprise', org: randomUUID() });
    await database.db.execute(sql`UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE person_id = ${session.me.person.id}`);
    await me(session).expect(401);
  });

  it('ends the session at logout: the old cookie answers 401 afterwards', async () => {
    const session = await devSession(api, { role: 'provider', org: randomUUID() });
    await me(session).expect(200);
    const out = await api.http.post('/auth/logout').set('Cookie', session.cookie).expect(200);
    expect(out.headers['set-cookie']?.[0]).toMatch(/^seaward_session=;/);
    await me(session).expect(401);
    await api.http.get('/v1/enterprises').set('Cookie', session.cookie).expect(401);
  });

  it('lets a person with an enterprise and a provider membership switch and act for each, each blind to the other tenant', async () => {
    const email = `li.${randomUUID()}@example.cn`;
    const [enterpriseId, providerId] = [randomUUID(), randomUUID()];
    await devSession(api, { role: 'provider', org: providerId, email, name: '李雷' });
    const session = await devSession(api, { role: 'enterprise', org: enterpriseId, email, name: '李雷' });
    expect(session.me.memberships.map((m) => m.role).sort()).toEqual(['enterprise', 'provider']);
    const asProvider = session.me.memberships.find((m) => m.role === 'provider')!;
    const asEnterprise = session.me.memberships.find((m) => m.role === 'enterprise')!;

    const enterprise = await api.http
      .post('/v1/enterprises')
      .set('Cookie', session.cookie)
      .send(enterpriseBody({ district: DISTRICT }))
      .expect(201);
    expect(enterprise.body.id).toBe(enterpriseId);
    const requestId = (
      await api.http
        .post('/v1/requests')
        .set('Cookie', session.cookie)
        .send(requestBody({ countries: ['LI'] }))
        .expect(201)
    ).body.id as string;

    const switched = await api.http.put('/v1/me/active-membership').set('Cookie', session.cookie).send({ membershipId: asProvider.id }).expect(200);
    expect(switched.body).toMatchObject({ role: 'provider', org: providerId, activeMembershipId: asProvider.id });
    const provider = await api.http
      .post('/v1/providers')
      .set('Cookie', session.cookie)
      .send(providerBody({ district: DISTRICT, countries: ['LI'], overseasOffices: ['LI'] }))
      .expect(201);
    expect(provider.body.id).toBe(providerId);
    await api.http.get(`/v1/requests/${requestId}`).set('Cookie', session.cookie).expect(404);
    await api.http.get(`/v1/enterprises/${enterpriseId}`).set('Cookie', session.cookie).expect(404);

    await api.http.put('/v1/me/active-membership').set('Cookie', session.cookie).send({ membershipId: asEnterprise.id }).expect(200);
    await api.http.get(`/v1/requests/${requestId}`).set('Cookie', session.cookie).expect(200);
    await api.http.get(`/v1/providers/${providerId}`).set('Cookie', session.cookie).expect(404);
    const names = (await me(session).expect(200)).body.memberships.map((m: { organisationName: string }) => m.organisationName);
    expect(names.sort()).toEqual([enterpriseBody().name, providerBody().name].sort());
  });

  it("answers 404 to switching to another person's membership", async () => {
    const mine = await devSession(api, { role: 'enterprise', org: randomUUID() });
    const theirs = await devSession(api, { role: 'enterprise', org: randomUUID() });
    await api.http.put('/v1/me/active-membership').set('Cookie', mine.cookie).send({ membershipId: theirs.me.activeMembershipId }).expect(404);
    await api.http.put('/v1/me/active-membership').set('Cookie', mine.cookie).send({ membershipId: 'nope' }).expect(400);
  });

  it('makes a person who registers a provider while acting for an enterprise the owner of the new provider', async () => {
    const session = await devSession(api, { role: 'enterprise', org: randomUUID(), email: `new.${randomUUID()}@example.cn` });
    const created = await api.http
      .post('/v1/providers')
      .set('Cookie', session.cookie)
      .send(providerBody({ district: DISTRICT, countries: ['LI'], overseasOffices: ['LI'] }))
      .expect(201);
    const body = (await me(session).expect(200)).body;
    expect(body.memberships).toContainEqual(expect.objectContaining({ organisationType: 'provider', organisationId: created.body.id, memberRole: 'owner' }));
    expect(body.role).toBe('enterprise');
  });

  it('keeps bearer tokens working beside sessions, and refuses /v1/me to them', async () => {
    const token = await api.token('admin', 'platform');
    await api.http.get('/v1/enterprises').auth(token, { type: 'bearer' }).expect(200);
    expect((await api.http.get('/v1/me').auth(token, { type: 'bearer' }).expect(403)).body.code).toBe('forbidden');
    await api.http.get('/v1/me').expect(401);
    await api.http.get('/v1/me').set('Cookie', 'seaward_session=forged').expect(401);
  });
});
