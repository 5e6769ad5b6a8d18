import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DEMO_GROUP_MEMBERSHIPS, DEV_CLIENT, startDevIdentityProvider } from '../../scripts/lib/dev-identity-provider.mjs';
import { enterpriseBody } from '../factories/enterprises.js';
import { browserMissing, launchChromium } from '../support/browser.js';
import { freePort } from '../support/free-port.js';
import { startApi, type Api } from '../support/harness.js';

// Districts of this file only: putuo.
const missing = browserMissing();
if (missing) throw new Error(missing);

/** Sign-in through the development OpenID Provider, in headless Chromium: what a person's browser does. */
describe('sign-in with OpenID Connect', () => {
  let api: Api;
  let provider: Awaited<ReturnType<typeof startDevIdentityProvider>>;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    provider = await startDevIdentityProvider({});
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = await startApi(
      {
        PUBLIC_BASE_URL: base,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: DEV_CLIENT.clientId,
        OIDC_CLIENT_SECRET: DEV_CLIENT.clientSecret,
        OIDC_GROUPS_CLAIM: 'groups',
        OIDC_GROUP_MEMBERSHIPS: DEMO_GROUP_MEMBERSHIPS,
      },
      { port },
    );
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await provider?.close();
  });

  async function signIn(page: Page, login: string, returnTo = '/v1/me') {
    await page.goto(`${base}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password');
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${base}${returnTo}`);
  }
  type Answer = { status: number; body: { id?: string; logoutUrl?: string; [key: string]: unknown } };
  const call = (page: Page, method: string, path: string, body?: unknown): Promise<Answer> =>
    page.evaluate(
      async ([method, path, body]) => {
        const res = await fetch(path as string, {
          method: method as string,
          headers: { 'content-type': 'application/json' },
          body: body ? JSON.stringify(body) : undefined,
        });
        return { status: res.status, body: (await res.json().catch(() => ({}))) as Answer['body'] };
      },
      [method, path, body] as const,
    );

  it('signs up a new person, who registers an enterprise, owns it, and is signed out for good at logout', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = `zhao.lei.${Date.now()}@example.cn`;
    await signIn(page, login);
    const first = await call(page, 'GET', '/v1/me');
    expect(first).toMatchObject({ status: 200, body: { person: { name: login.split('@')[0], email: login, locale: 'zh-CN' }, memberships: [], role: null } });
    const cookies = await context.cookies(base);
    expect(cookies.find((c) => c.name === 'seaward_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const registered = await call(page, 'POST', '/v1/enterprises', enterpriseBody({ district: 'putuo' }));
    expect(registered.status).toBe(201);
    const me = await call(page, 'GET', '/v1/me');
    expect(me.body).toMatchObject({ role: 'enterprise', org: registered.body.id });
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ organisationId: registered.body.id, memberRole: 'owner', organisationName: enterpriseBody().name }),
    ]);

    const sessionCookie = cookies.find((c) => c.name === 'seaward_session')!;
    const out = await call(page, 'POST', '/auth/logout');
    expect(out.body.logoutUrl).toContain(`${provider.issuer}/session/end`);
    await api.http.get('/v1/me').set('Cookie', `seaward_session=${sessionCookie.value}`).expect(401);
    await context.close();
  }, 60_000);

  it("gives a district's officer the officer membership from the issuer's groups", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'officer.xuhui', '/v1/me');
    const me = await call(page, 'GET', '/v1/me');
    expect(me.body).toMatchObject({ role: 'district_officer', org: 'xuhui', person: { name: '徐汇区商务委 张敏' } });
    expect((await call(page, 'GET', '/v1/enterprises')).status).toBe(200);
    await context.close();
  }, 60_000);

  it('refuses a callback that did not start in this browser, and a returnTo off the site', async () => {
    const res = await api.http.get('/auth/callback?code=stolen&state=guessed').expect(401);
    expect(res.body.code).toBe('unauthenticated');
    const login = await api.http.get('/auth/login?returnTo=https://evil.example/').expect(303);
    expect(login.headers.location).toContain(`${provider.issuer}/auth?`);
    expect(login.headers.location).toContain('code_challenge_method=S256');
  });
});
