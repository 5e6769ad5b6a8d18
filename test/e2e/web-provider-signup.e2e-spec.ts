import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DEV_CLIENT, startDevIdentityProvider } from '../../scripts/lib/dev-identity-provider.mjs';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, inDays } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { cny } from '../factories/vouchers.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot, signIn } from '../support/browser.js';
import { ensureWebBuilt } from '../support/built-dist.js';
import { freePort } from '../support/free-port.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';
import { SmtpCatcher } from '../support/smtp-catcher.js';

const missing = browserMissing();
if (missing) console.warn(`web-provider-signup.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(240_000);

/** The day an instant falls on in Shanghai, as the page shows it. */
const shanghaiDay = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * A new person signs in through the identity provider, registers a provider and completes its
 * profile on a phone (390×844), applies to an alliance and sees the approval with its vetting
 * term; an enterprise finds it in the directory and invites it (and excludes another); the
 * provider sees the invitation and its notifications. Xuancheng and Albania are this file's alone.
 */
describeInBrowser('a provider signs up in the web app, and an enterprise chooses it from the directory', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let identity: Awaited<ReturnType<typeof startDevIdentityProvider>>;
  let browser: Browser;
  let base: string;
  const smtp = new SmtpCatcher();
  const stamp = Date.now().toString(36);
  const login = `li.hua.${stamp}@example.cn`;
  const providerName = `宣城巴库法律服务 Baku Legal ${stamp}`;
  const allianceName = `宣城出海服务联盟 Xuancheng alliance ${stamp}`;

  beforeAll(async () => {
    ensureWebBuilt();
    identity = await startDevIdentityProvider({});
    await smtp.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = {
      PUBLIC_BASE_URL: base,
      OIDC_ISSUER: identity.issuer,
      OIDC_CLIENT_ID: DEV_CLIENT.clientId,
      OIDC_CLIENT_SECRET: DEV_CLIENT.clientSecret,
      SMTP_URL: smtp.url,
    };
    api = await startApi(env, { port });
    worker = await startWorker({ ...env, REDIS_PREFIX: `${process.env.REDIS_PREFIX}_signup` });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    await identity?.close();
    await smtp.stop();
  });

  async function accessible(page: Page, view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }
  async function fitsThePhone(page: Page, view: string) {
    const width = await page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect({ view, width }).toEqual({ view, width: 390 });
  }
  const unexpectedErrors = (list: string[]) => list.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
  /** The API as the page's own session sees it. */
  type Answer = { status: number; body: Record<string, unknown> & { data?: Record<string, unknown>[] } };
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
  /** Element Plus hides the native box under its label: focused and pressed, as a keyboard would. */
  async function tick(page: Page, role: 'checkbox' | 'radio', name: string) {
    await page.getByRole(role, { name, exact: true }).focus();
    await page.keyboard.press('Space');
  }
  async function choose(page: Page, combobox: string, typed: string) {
    await page.getByRole('combobox', { name: combobox }).focus();
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    // A multiple choice keeps its list open until the focus moves on, as a person's next Tab does.
    await page.keyboard.press('Tab');
    // As a person sees it: the list has faded out before the next step (axe reads an open one).
    type Lists = { document: { querySelectorAll(selector: string): Iterable<{ checkVisibility(): boolean }> } };
    await page.waitForFunction(() =>
      [...(globalThis as unknown as Lists).document.querySelectorAll('.el-select-dropdown')].every((list) => !list.checkVisibility()),
    );
  }

  it('signs up, completes the profile at 390×844, is approved by an alliance, is invited from the directory and reads its notifications', async () => {
    const alliance = await createAlliance(api, allianceName, ['xuancheng']);
    const { page, errors } = await openPage(browser, { width: 390, height: 844 });

    // ---- a new person signs in at the identity provider and lands on registering an organisation
    await page.goto(`${base}/sign-in`);
    await page.getByRole('link', { name: '登录 Sign in' }).click();
    // Back from the identity provider at the app's home, which sends a person of no organisation on to register one.
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any password');
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${base}/welcome`);
    // What the identity provider's own login page logged is not this app's.
    errors.length = 0;
    await page.getByRole('heading', { name: '登记您的机构', level: 1 }).waitFor();
    expect((await call(page, 'GET', '/v1/me')).body).toMatchObject({ memberships: [], role: null, person: { email: login } });
    await accessible(page, 'welcome');
    await fitsThePhone(page, 'welcome');

    // ---- registers a provider; a price band upside down is refused beside its field
    await tick(page, 'radio', '我是服务商');
    await page.getByLabel('机构名称').fill(providerName);
    await choose(page, '所在区', '宣城');
    await tick(page, 'checkbox', '法律服务');
    await tick(page, 'checkbox', '境外主体设立');
    await choose(page, '服务国家', '阿尔巴尼亚');
    await page.getByLabel('价格下限（元）').fill('50000');
    await page.getByLabel('价格上限（元）').fill('20000');
    await page.getByRole('button', { name: '登记并进入' }).click();
    await expect(page.locator('[id="pf-priceBand.max-error"]').textContent()).resolves.toBe('amount: must not be below min.amount');
    expect(await page.getByLabel('价格上限（元）').getAttribute('aria-describedby')).toBe('pf-priceBand.max-error');
    expect((await call(page, 'GET', '/v1/me')).body.memberships).toEqual([]);
    await accessible(page, 'welcome with a refused field');
    await page.getByLabel('价格上限（元）').fill('300,000');
    await page.getByRole('button', { name: '登记并进入' }).click();
    await page.waitForURL(`${base}/provider`);
    await page.getByRole('heading', { name: '邀请与投标', level: 1 }).waitFor();
    const me = (await call(page, 'GET', '/v1/me')).body as { role: string; org: string; memberships: { memberRole: string }[] };
    expect(me).toMatchObject({ role: 'provider', memberships: [{ memberRole: 'owner', organisationName: providerName }] });
    const providerId = me.org;
    expect((await call(page, 'GET', `/v1/providers/${providerId}`)).body).toMatchObject({
      name: providerName,
      district: 'xuancheng',
      categories: ['legal'],
      services: ['entity_setup'],
      countries: ['AL'],
      priceBand: { min: cny(5_000_000), max: cny(30_000_000) },
      vetted: false,
    });
    await accessible(page, 'provider home');
    await fitsThePhone(page, 'provider home');

    // ---- completes the profile: description, offices, sectors, languages, capacity; a bad capacity is named
    await page.getByRole('link', { name: '机构资料' }).click();
    await page.getByRole('heading', { name: '机构资料', level: 1 }).waitFor();
    await page.getByLabel('机构简介').fill('巴库公司设立与外汇登记。Entity set-up and FX registration in Baku.');
    await tick(page, 'checkbox', '境外投资（ODI）备案');
    await choose(page, '境外办事处所在国', '阿尔巴尼亚');
    await choose(page, '擅长行业', '38 ');
    await tick(page, 'checkbox', '俄语');
    await page.getByLabel('可同时承接的项目数').fill('many');
    await page.getByRole('button', { name: '保存资料' }).click();
    await page.locator('#pf-capacity-error').waitFor();
    expect((await call(page, 'GET', `/v1/providers/${providerId}`)).body.capacity).toBe(3);
    await page.getByLabel('可同时承接的项目数').fill('4');
    await page.getByRole('button', { name: '保存资料' }).click();
    await page.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
    expect(await page.locator('#pf-capacity-error').count()).toBe(0);
    expect((await call(page, 'GET', `/v1/providers/${providerId}`)).body).toMatchObject({
      description: '巴库公司设立与外汇登记。Entity set-up and FX registration in Baku.',
      services: ['entity_setup', 'odi_filing'],
      overseasOffices: ['AL'],
      sectors: ['38'],
      languages: ['zh-CN', 'ru'],
      capacity: 4,
    });

    // ---- a credential
    await page.getByLabel('证书类型').fill('律师事务所执业许可证');
    await page.getByLabel('发证机构').fill('阿尔巴尼亚司法部 Ministry of Justice');
    await page.getByLabel('证书编号').fill(`AL-${stamp}`);
    await choose(page, '发证国家', '阿尔巴尼亚');
    await page.getByLabel('有效期至', { exact: true }).fill('2031-06-30');
    await page.getByRole('button', { name: '登记证书' }).click();
    await page.getByText(`AL-${stamp}`).waitFor();
    const credentials = (await call(page, 'GET', `/v1/providers/${providerId}`)).body.credentials as Record<string, unknown>[];
    expect(credentials).toEqual([expect.objectContaining({ type: '律师事务所执业许可证', number: `AL-${stamp}`, country: 'AL', expired: false })]);
    expect(await page.getByText('有效期至 2031-06-30').count()).toBe(1);

    // ---- applies to the alliance: pending, then approved by its manager with a vetting term
    await page.getByRole('button', { name: `申请加入 ${allianceName}` }).click();
    const card = page.getByRole('listitem').filter({ hasText: allianceName });
    await card.getByText('已申请，待审核').waitFor();
    expect((await call(page, 'GET', `/v1/providers/${providerId}/memberships`)).body.data).toEqual([
      expect.objectContaining({ allianceId: alliance.id, status: 'pending', vettedUntil: null }),
    ]);
    await accessible(page, 'profile');
    await fitsThePhone(page, 'profile');
    await screenshot(page, 'provider-profile-editor');

    // The enterprise's need is published before the approval: matching cannot invite the provider yet.
    const enterprise = await createEnterprise(api, { district: 'xuancheng', name: `宣城新材料有限公司 Xuancheng Materials ${stamp}` });
    const title = `阿尔巴尼亚子公司设立 Subsidiary in Albania ${stamp}`;
    const requestId = await createRequest(api, enterprise.token, {
      title,
      category: 'legal',
      services: ['entity_setup'],
      countries: ['AL'],
      budget: { min: cny(1), max: cny(40_000_000) },
    });
    await publish(api, enterprise.token, requestId);
    const rival = await createProvider(api, { name: `地拉那咨询 Tirana Advisory ${stamp}`, district: 'xuancheng', countries: ['AL'], overseasOffices: ['AL'] });
    await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(rival.token)).expect(201);
    const until = inDays(400);
    for (const id of [providerId, rival.id]) {
      await api.http.post(`/v1/alliances/${alliance.id}/members/${id}/approve`).set(bearer(alliance.manager)).send({ vettedUntil: until }).expect(200);
    }
    await page.reload();
    await card.getByText(`已批准 · 审核有效期至 ${shanghaiDay(until)}`).waitFor();
    expect((await call(page, 'GET', `/v1/providers/${providerId}/memberships`)).body.data).toEqual([
      expect.objectContaining({ status: 'active', vettedUntil: new Date(until).toISOString() }),
    ]);
    expect(await page.getByText(/已审核，有效至/).textContent()).toBe(`已审核，有效至 ${shanghaiDay(until)}`);
    await accessible(page, 'profile approved');
    await fitsThePhone(page, 'profile approved');

    // ---- the enterprise searches the directory, invites this provider and excludes the other
    const desk = await openPage(browser);
    const enterprisePage = desk.page;
    await signIn(enterprisePage, base, 'enterprise', enterprise.id);
    await enterprisePage.getByRole('heading', { name: '企业工作台', level: 1 }).waitFor();
    await enterprisePage.getByRole('heading', { name: /^通知/ }).waitFor();
    await accessible(enterprisePage, 'enterprise home with notifications');
    await enterprisePage.getByRole('main').getByRole('link', { name: '服务商名录' }).click();
    await enterprisePage.getByRole('heading', { name: '服务商名录', level: 1 }).waitFor();
    await enterprisePage.getByLabel('为哪个需求').selectOption(requestId);
    await enterprisePage.getByLabel('关键词').fill(stamp);
    await enterprisePage.getByLabel('国家', { exact: true }).selectOption('AL');
    await enterprisePage.getByRole('button', { name: '查找', exact: true }).click();
    await enterprisePage.getByRole('heading', { name: '找到 2 家服务商' }).waitFor();
    await accessible(enterprisePage, 'directory');
    await enterprisePage.getByRole('button', { name: `邀请 ${providerName} 投标` }).click();
    await enterprisePage
      .getByRole('status')
      .filter({ hasText: `已邀请 ${providerName} 为「${title}」投标。` })
      .waitFor();
    const rivalName = `地拉那咨询 Tirana Advisory ${stamp}`;
    await enterprisePage.getByRole('button', { name: `排除 ${rivalName}` }).click();
    await enterprisePage.locator(`[id="exclude-${rival.id}-error"]`).waitFor();
    await enterprisePage.getByLabel(`排除 ${rivalName} 的原因`).fill('报价过高 Quotes too high');
    await enterprisePage.getByRole('button', { name: `排除 ${rivalName}` }).click();
    await enterprisePage
      .getByRole('status')
      .filter({ hasText: `已将 ${rivalName} 排除在「${title}」之外。` })
      .waitFor();
    expect((await api.http.get(`/v1/requests/${requestId}/exclusions`).set(bearer(enterprise.token)).expect(200)).body.data).toEqual([
      expect.objectContaining({ providerId: rival.id, reason: '报价过高 Quotes too high' }),
    ]);
    await accessible(enterprisePage, 'directory after inviting and excluding');
    await screenshot(enterprisePage, 'enterprise-directory');

    // ---- the provider: the invitation in its inbox, its notifications unread, then read
    const invitations = (await call(page, 'GET', '/v1/invitations')).body.data!;
    expect(invitations).toEqual([expect.objectContaining({ requestId, source: 'enterprise', status: 'open' })]);
    const unread = await eventually(
      async () => (await call(page, 'GET', '/v1/me/notifications')).body as { unreadCount: number; data: { event: string }[] },
      (inbox) => inbox.data.some((n) => n.event === 'request.invited'),
      30_000,
    );
    await page.getByRole('link', { name: '邀请与投标' }).click();
    await page.getByRole('heading', { name: '邀请与投标', level: 1 }).waitFor();
    await page.getByRole('listitem').filter({ hasText: title }).getByRole('link', { name: '查看并投标' }).waitFor();
    const notices = page.getByRole('heading', { name: /^通知/ });
    await notices.filter({ hasText: `${unread.unreadCount} 条未读` }).waitFor();
    expect(await page.getByRole('main').getByRole('listitem').filter({ hasText: '新' }).count()).toBe(unread.unreadCount);
    await accessible(page, 'provider home with the invitation');
    await fitsThePhone(page, 'provider home with the invitation');
    await page
      .getByRole('button', { name: /^标为已读：/ })
      .first()
      .click();
    await notices.filter({ hasText: `${unread.unreadCount - 1} 条未读` }).waitFor();
    expect((await call(page, 'GET', '/v1/me/notifications')).body.unreadCount).toBe(unread.unreadCount - 1);
    if (unread.unreadCount > 1) {
      await page.getByRole('button', { name: '全部标为已读' }).click();
      await notices.filter({ hasText: '0 条未读' }).waitFor();
      expect((await call(page, 'GET', '/v1/me/notifications')).body.unreadCount).toBe(0);
    }
    // A notification says what happened in words and leads to this reader's page of the object.
    await page.getByRole('link', { name: '您受邀为一项出海服务需求投标' }).first().click();
    await page.waitForURL(`${base}/provider/requests/${requestId}/bid`);
    await page.getByRole('heading', { name: title }).waitFor();
    // Where every email's footer leads: email off, saved, and on again.
    await page.goto(`${base}/provider`);
    await page.getByRole('link', { name: '通知设置' }).click();
    await page.getByRole('heading', { name: '通知设置', level: 1 }).waitFor();
    await accessible(page, 'notification settings');
    await page.getByRole('radio', { name: '不发邮件，只在站内查看' }).check({ force: true });
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    expect((await call(page, 'GET', '/v1/me/preferences')).body).toEqual({ email: false, mutedEvents: [] });
    await page.getByRole('radio', { name: '每条通知都发邮件' }).check({ force: true });
    await page.getByRole('button', { name: '保存设置' }).click();
    await eventually(
      async () => (await call(page, 'GET', '/v1/me/preferences')).body,
      (preferences) => (preferences as { email: boolean }).email === true,
      10_000,
    );

    // ---- its colleagues: the owner invites one by email
    await page.getByRole('link', { name: '同事' }).click();
    await page.getByRole('heading', { name: '同事', level: 1 }).waitFor();
    await page.getByLabel('同事的电子邮箱').fill(`wang.fang.${stamp}@example.cn`);
    await page.getByRole('button', { name: '发送邀请' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `邀请已发送至 wang.fang.${stamp}@example.cn` })
      .waitFor();
    expect((await call(page, 'GET', `/v1/organisations/${providerId}/members`)).body.data).toEqual([
      expect.objectContaining({ email: login, memberRole: 'owner' }),
    ]);
    await accessible(page, 'colleagues');
    await fitsThePhone(page, 'colleagues');

    // ---- the colleague follows the email's link, signs in, accepts; the owner then removes them
    const colleagueLogin = `wang.fang.${stamp}@example.cn`;
    const [mail] = await eventually(
      async () => smtp.to(colleagueLogin),
      (m) => m.length === 1,
      30_000,
    );
    const link = /href="([^"]+\/invitations\/accept\?token=[^"]+)"/.exec(String(mail!.html))![1]!.replaceAll('&amp;', '&');
    const phone = await openPage(browser, { width: 390, height: 844 });
    await phone.page.goto(link);
    await phone.page.getByRole('heading', { name: '接受邀请', level: 1 }).waitFor();
    await accessible(phone.page, 'invitation link, signed out');
    await phone.page.getByRole('link', { name: '登录 Sign in' }).click();
    await phone.page.locator('input[name=login]').fill(colleagueLogin);
    await phone.page.locator('input[name=password]').fill('any password');
    await phone.page.locator('button[type=submit]').click();
    await phone.page.getByRole('button', { name: '接受邀请' }).waitFor();
    phone.errors.length = 0;
    await accessible(phone.page, 'invitation link, signed in');
    await phone.page.getByRole('button', { name: '接受邀请' }).click();
    await phone.page.getByRole('heading', { name: '邀请与投标', level: 1 }).waitFor();
    expect((await call(phone.page, 'GET', '/v1/me')).body).toMatchObject({ role: 'provider', org: providerId });

    await page.reload();
    const colleagueName = `wang.fang.${stamp}`;
    await page.getByRole('button', { name: `移除 ${colleagueName}` }).click();
    await page.getByRole('button', { name: `移除 ${colleagueName}` }).waitFor({ state: 'detached' });
    expect((await call(page, 'GET', `/v1/organisations/${providerId}/members`)).body.data).toEqual([expect.objectContaining({ email: login })]);
    expect((await call(phone.page, 'GET', '/v1/invitations')).status).not.toBe(200);
    expect(unexpectedErrors(phone.errors)).toEqual([]);

    expect(unexpectedErrors(errors)).toEqual([]);
    expect(unexpectedErrors(desk.errors)).toEqual([]);
  });
});
