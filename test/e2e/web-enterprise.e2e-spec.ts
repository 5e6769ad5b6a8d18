import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { act } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { cny, createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot, signIn } from '../support/browser.js';
import { ensureWebBuilt } from '../support/built-dist.js';
import { startApi, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`web-enterprise.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(180_000);

/** ¥ with thousands separators and two decimals, as the page prints minor units. */
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * An enterprise of Huangpu (no other test uses it) needs entity set-up in Laos: it posts the
 * need by keyboard, reads the matches and why, compares three bids with its cost after its
 * Huangpu voucher, awards, pays by bank transfer, accepts the delivery and rates.
 */
describeInBrowser('the enterprise in the web app, in Chromium', () => {
  let api: Api;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let base: string;
  let enterprise: Awaited<ReturnType<typeof createEnterprise>>;
  let program: Awaited<ReturnType<typeof createProgram>>;
  let voucherId: string;
  const stamp = Date.now().toString(36);
  const providers: { id: string; token: string; name: string; price: number }[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startApi();
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    const alliance = await createAlliance(api, `黄浦出海服务联盟 Huangpu alliance ${stamp}`, ['huangpu']);
    for (const [name, price] of [
      [`黄浦老挝律师事务所 Vientiane Law ${stamp}`, 18_000_000],
      [`黄浦湄公河咨询 Mekong Advisory ${stamp}`, 12_000_000],
      [`黄浦东盟法务 ASEAN Legal ${stamp}`, 25_000_000],
    ] as const) {
      const provider = await createProvider(api, { name, district: 'huangpu', countries: ['LA'], overseasOffices: ['LA'], languages: ['zh-CN', 'en'] });
      await vet(api, alliance, provider);
      providers.push({ ...provider, name, price });
    }
    program = await createProgram(api, { district: 'huangpu', name: `黄浦区出海服务券 Huangpu outbound voucher ${stamp}` });
    enterprise = await createEnterprise(api, { district: 'huangpu', name: `黄浦新能源科技有限公司 Huangpu New Energy ${stamp}` });
    voucherId = await issueVoucher(api, program, enterprise.id, rmb(300_000));
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const get = async (path: string, token = enterprise.token) => (await api.http.get(path).set(bearer(token)).expect(200)).body;
  async function accessible(view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }

  it('posts a need by keyboard, reads the matches, compares three bids after subsidy, awards with the voucher, pays by transfer, accepts and rates', async () => {
    // ---- the public home, then sign-in
    await page.goto(base);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('企业出海服务平台');
    await accessible('public home');
    await page.getByRole('link', { name: '从这里开始：登录或试用演示账号' }).click();
    await page.getByRole('link', { name: '登录 Sign in' }).waitFor();
    expect(await page.getByRole('link', { name: '登录 Sign in' }).getAttribute('href')).toBe('/auth/login?returnTo=%2F');
    await accessible('sign-in');
    await signIn(page, base, 'enterprise', enterprise.id);
    await page.getByRole('heading', { name: '企业工作台' }).waitFor();
    // The voucher the district issued, as the API has it.
    const voucher = await get(`/v1/vouchers/${voucherId}`);
    const row = page.getByRole('row').filter({ hasText: yuan(voucher.faceValue.amount) });
    // The vouchers load after the heading: wait for the row before reading it.
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([yuan(voucher.faceValue.amount), yuan(voucher.remaining.amount), expect.any(String)]);
    await accessible('enterprise home');
    await screenshot(page, 'enterprise-home');

    // ---- post a need, by keyboard alone (each field focused as Tab would, typed, chosen with Enter and Space)
    await page.getByRole('link', { name: '发布需求' }).first().click();
    await page.getByRole('heading', { name: '发布需求' }).waitFor();
    await accessible('post a need');
    await page.getByLabel('需求标题').focus();
    await page.keyboard.type(`老挝公司设立 Entity set-up in Laos ${stamp}`);
    await page.getByRole('combobox', { name: '服务类别' }).focus();
    await page.keyboard.type('法律');
    await page.keyboard.press('Enter');
    await page.getByRole('checkbox', { name: '境外主体设立' }).waitFor({ state: 'attached' });
    await page.getByRole('checkbox', { name: '境外主体设立' }).focus();
    await page.keyboard.press('Space');
    await page.getByLabel('需求说明').focus();
    await page.keyboard.type('在万象设立子公司并完成投资登记。');
    await page.getByRole('combobox', { name: '目标国家' }).focus();
    await page.keyboard.type('老挝');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: '所属行业' }).focus();
    await page.keyboard.type('38 ');
    await page.keyboard.press('Enter');
    await page.getByLabel('预算下限（元）').focus();
    await page.keyboard.type('50,000');
    await page.getByLabel('预算上限（元）').focus();
    await page.keyboard.type('300000');
    await page.getByRole('button', { name: '发布需求' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/enterprise\/requests\/[0-9a-f-]{36}$/);
    const requestId = page.url().split('/').at(-1)!;
    const request = await get(`/v1/requests/${requestId}`);
    expect(request).toMatchObject({
      status: 'open',
      category: 'legal',
      services: ['entity_setup'],
      countries: ['LA'],
      sector: '38',
      languages: ['zh-CN'],
      budget: { min: cny(5_000_000), max: cny(30_000_000) },
    });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(request.title);

    // ---- the matches, with the reasons the API gives, in Chinese
    const matches = (await get(`/v1/requests/${requestId}/matches?limit=20`)).data;
    expect(matches.map((m: { providerId: string }) => m.providerId).sort()).toEqual(providers.map((p) => p.id).sort());
    const matchList = page.getByRole('list', { name: '匹配的服务商' });
    await matchList.getByRole('listitem').filter({ hasText: providers[0]!.name }).waitFor();
    for (const m of matches) {
      const item = matchList.locator(':scope > li').filter({ hasText: providers.find((p) => p.id === m.providerId)!.name });
      expect(await item.locator('.reasons li').allTextContents()).toEqual(m.reasonsZh);
      if (m.subsidyEstimate) expect(await item.textContent()).toContain(`预计补贴 ${yuan(m.subsidyEstimate.amount)}`);
    }
    await accessible('request with matches');

    // ---- three bids arrive; side by side, each with the cost after the voucher
    for (const p of providers) {
      await api.http
        .post(`/v1/requests/${requestId}/bids`)
        .set(bearer(p.token))
        .send({
          price: cny(p.price),
          timelineDays: 30,
          proposal: `${p.name}：设立与登记`,
          milestones: [
            { title: '公司注册', amount: cny(p.price / 2), dueInDays: 15 },
            { title: '投资登记', amount: cny(p.price / 2), dueInDays: 30 },
          ],
        })
        .expect(201);
    }
    // The home's to-do leads to them: the enterprise's bids to compare are those on its open requests.
    const toCompare = (await get('/v1/bids?status=live')).data as { requestId: string }[];
    expect(toCompare.map((b) => b.requestId)).toEqual([requestId, requestId, requestId]);
    await api.http.get(`/v1/bids?requestId=${requestId}`).set(bearer(providers[0]!.token)).expect(200);
    await page.getByRole('link', { name: '我的工作台' }).click();
    await page.getByRole('heading', { name: '企业工作台' }).waitFor();
    await page.getByRole('link', { name: '3 份投标待比较' }).click();
    await page.waitForURL(`${base}/enterprise/requests/${requestId}#bids-title`);
    // Loaded afresh with the providers' names slow to come: the cards wait for them.
    const slowNames = /\/v1\/providers\/[0-9a-f-]{36}$/;
    await page.route(slowNames, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.reload();
    const bids = (await get(`/v1/requests/${requestId}/bids`)).data as {
      id: string;
      providerId: string;
      price: { amount: number };
      costAfterSubsidy: { voucherId: string; subsidy: { amount: number }; cost: { amount: number } }[];
    }[];
    expect(bids).toHaveLength(3);
    const cards = page.getByRole('list', { name: '投标比较' }).locator(':scope > [role="listitem"]');
    await cards.first().waitFor();
    // Named from the moment they appear, never by the provider's id while names load.
    expect((await cards.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).sort()).toEqual(
      bids.map((b) => providers.find((x) => x.id === b.providerId)!.name).sort(),
    );
    await page.unroute(slowNames);
    expect(await cards.count()).toBe(3);
    for (const bid of bids) {
      const p = providers.find((x) => x.id === bid.providerId)!;
      const card = page.getByRole('listitem', { name: p.name });
      expect(await card.locator('.price').textContent()).toBe(yuan(bid.price.amount));
      expect(bid.costAfterSubsidy).toHaveLength(1);
      const [quote] = bid.costAfterSubsidy;
      expect(quote!.voucherId).toBe(voucherId);
      expect(
        await card.getByRole('radio', { name: `${program.view.name}：补贴 ${yuan(quote!.subsidy.amount)}，自付 ${yuan(quote!.cost.amount)}` }).isChecked(),
      ).toBe(true);
    }
    // 30% of ¥120,000.00 is ¥36,000.00: the cheapest bid, after subsidy.
    const cheapest = providers[1]!;
    expect(await page.getByRole('listitem', { name: cheapest.name }).textContent()).toContain('补贴 ¥36,000.00，自付 ¥84,000.00');
    await accessible('bids side by side');
    await screenshot(page, 'enterprise-bids');

    // ---- award with the voucher
    await page.getByRole('button', { name: `授标给 ${cheapest.name}` }).click();
    await page.waitForURL(/\/engagements\/[0-9a-f-]{36}$/);
    const engagementId = page.url().split('/').at(-1)!;
    const engagement = await get(`/v1/engagements/${engagementId}`);
    expect(engagement).toMatchObject({ providerId: cheapest.id, status: 'awaiting_payment', subsidy: cny(3_600_000), enterpriseShare: cny(8_400_000) });
    expect(await page.locator('dd.share').textContent()).toBe('¥84,000.00');
    expect(await page.locator('dd.status').textContent()).toBe('待付款');
    await accessible('engagement awaiting payment');

    // ---- pay by bank transfer: the amount and the reference to quote
    await page.getByRole('button', { name: '银行转账' }).click();
    await page.locator('dd.reference').waitFor();
    const paying = await get(`/v1/engagements/${engagementId}`);
    expect(paying.payment).toMatchObject({ method: 'bank_transfer', status: 'pending', amount: cny(8_400_000) });
    expect(await page.locator('dd.reference').textContent()).toBe(paying.payment.reference);
    expect(await page.getByRole('status').textContent()).toContain('请转账 ¥84,000.00');
    await accessible('bank transfer');
    await screenshot(page, 'enterprise-transfer');

    // ---- the provider confirms the money arrived and delivers (its own pages are walked in web-provider)
    const provider = providers[1]!;
    await act(api, provider.token, engagementId, 'payments/confirm-transfer', { reference: paying.payment.reference, amount: cny(8_400_000) }).expect(200);
    await act(api, provider.token, engagementId, 'deliver', { invoiceNumber: `HP-${stamp}`, note: '营业执照与投资登记证已交付' }).expect(200);

    // ---- accept, then rate
    await page.getByRole('link', { name: '我的工作台' }).click();
    await page.getByRole('heading', { name: '企业工作台' }).waitFor();
    await page.goBack();
    await page.getByRole('button', { name: '验收通过' }).click();
    await page.getByRole('heading', { name: '评价服务商' }).waitFor();
    expect((await get(`/v1/engagements/${engagementId}`)).status).toBe('completed');
    expect(await page.locator('dd.status').textContent()).toBe('已完成');
    await page.getByLabel('评语').fill('响应及时，文件齐全');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '评价服务商' }).waitFor({ state: 'detached' });
    expect((await get(`/v1/engagements/${engagementId}`)).rating).toMatchObject({ score: 5, comment: '响应及时，文件齐全' });
    await accessible('engagement completed');

    // ---- the same page in English
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('dd.status').textContent()).toBe('Completed');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe(
      'en-US',
    );
    await accessible('engagement in English');
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
