import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { act } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { cny } from '../factories/vouchers.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot, signIn } from '../support/browser.js';
import { ensureWebBuilt } from '../support/built-dist.js';
import { startApi, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`web-provider.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(180_000);

/**
 * A provider of Chongming (no other test uses it), on a phone (390×844): invited to a need in
 * Myanmar, it bids with milestones, confirms the enterprise's transfer and delivers.
 */
describeInBrowser('the provider in the web app, on a phone-sized screen', () => {
  let api: Api;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let base: string;
  let provider: { id: string; token: string };
  let enterprise: Awaited<ReturnType<typeof createEnterprise>>;
  let requestId: string;
  let inbox: boolean;
  const stamp = Date.now().toString(36);
  const providerName = `崇明缅甸法律服务 Yangon Legal ${stamp}`;
  const title = `缅甸工厂设立 Factory set-up in Myanmar ${stamp}`;

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startApi();
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    const alliance = await createAlliance(api, `崇明出海服务联盟 Chongming alliance ${stamp}`, ['chongming']);
    provider = await createProvider(api, { name: providerName, district: 'chongming', countries: ['MM'], overseasOffices: ['MM'] });
    await vet(api, alliance, provider);
    enterprise = await createEnterprise(api, { district: 'chongming', name: `崇明纺织有限公司 Chongming Textiles ${stamp}` });
    requestId = await createRequest(api, enterprise.token, { title, category: 'legal', services: ['entity_setup'], countries: ['MM'] });
    await publish(api, enterprise.token, requestId);
    // The inbox lists invitations where this build's API has the route (issue 25, item 4).
    inbox = Boolean((await api.http.get('/openapi.json').expect(200)).body.paths['/v1/invitations']);
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser, { width: 390, height: 844 }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function accessible(view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }
  /** Nothing wider than the phone's screen: no sideways scrolling. */
  async function fitsThePhone(view: string) {
    const width = await page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect({ view, width }).toEqual({ view, width: 390 });
  }

  it('opens the invitation, bids with two milestones, confirms the transfer and delivers with an invoice number and a note', async () => {
    await signIn(page, base, 'provider', provider.id);
    await page.getByRole('heading', { name: '邀请与投标', level: 1 }).waitFor();
    await accessible('provider home');
    await fitsThePhone('provider home');
    await screenshot(page, 'provider-home');

    // ---- the invitation: from the inbox, or by the number its notification carried
    if (inbox) {
      const card = page.getByRole('listitem').filter({ hasText: title });
      await card.getByRole('link', { name: '查看并投标' }).click();
    } else {
      expect(await page.getByText('当前服务器尚不提供邀请列表').count()).toBe(1);
      await page.getByLabel('按需求编号打开').fill(requestId);
      await page.getByRole('button', { name: '打开', exact: true }).click();
    }
    await page.getByRole('heading', { name: title }).waitFor();
    await accessible('bid form');
    await fitsThePhone('bid form');

    // ---- the bid, with two milestones that add up to the price
    await page.getByLabel('报价（元）').fill('160,000');
    await page.getByLabel('工期（天）').fill('40');
    await page.getByLabel('服务方案').fill('仰光公司注册、投资委员会许可与工厂用地尽调。');
    await page.getByRole('button', { name: '添加里程碑' }).click();
    await page.getByLabel('里程碑 1 名称').fill('公司注册');
    await page.getByLabel('里程碑 1 金额（元）').fill('60000');
    await page.getByLabel('里程碑 1 完成于第几天').fill('15');
    await page.getByRole('button', { name: '添加里程碑' }).click();
    await page.getByLabel('里程碑 2 名称').fill('投资许可');
    await page.getByLabel('里程碑 2 金额（元）').fill('100000.00');
    await page.getByLabel('里程碑 2 完成于第几天').fill('40');
    await fitsThePhone('bid form with milestones');
    await screenshot(page, 'provider-bid');
    await page.getByRole('button', { name: '提交投标' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('已提交投标，报价 ¥160,000.00。');
    const bids = (await api.http.get(`/v1/requests/${requestId}/bids`).set(bearer(enterprise.token)).expect(200)).body.data;
    expect(bids).toHaveLength(1);
    expect(bids[0]).toMatchObject({
      providerId: provider.id,
      price: cny(16_000_000),
      timelineDays: 40,
      milestones: [
        { title: '公司注册', amount: cny(6_000_000), dueInDays: 15 },
        { title: '投资许可', amount: cny(10_000_000), dueInDays: 40 },
      ],
    });
    await accessible('bid placed');

    // ---- awarded and paid by transfer (the enterprise's side is walked in web-enterprise)
    const engagement = (await api.http.post(`/v1/requests/${requestId}/award`).set(bearer(enterprise.token)).send({ bidId: bids[0].id }).expect(201)).body;
    const { reference } = (await act(api, enterprise.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;

    // ---- the engagement: the transfer confirmed as received, then delivered with an invoice and a note
    await signIn(page, base, 'provider', provider.id, `/engagements/${engagement.id}`);
    await page.getByRole('heading', { name: '确认收到转账' }).waitFor();
    expect(await page.locator('dd.share').textContent()).toBe('¥160,000.00');
    await accessible('engagement to confirm');
    await fitsThePhone('engagement to confirm');
    await page.getByLabel('付款参考号').fill(reference);
    await page.getByLabel('到账金额（元）').fill('160000');
    await page.getByRole('button', { name: '确认到账' }).click();
    await page.getByRole('heading', { name: '交付', exact: true }).waitFor();
    expect((await api.http.get(`/v1/engagements/${engagement.id}`).set(bearer(provider.token)).expect(200)).body.status).toBe('in_progress');
    await page.getByLabel('发票号').fill(`CM-${stamp}`);
    await page.getByLabel('交付说明').fill('营业执照、投资许可与尽调报告已交付');
    await page.getByRole('button', { name: '确认交付' }).click();
    await page.getByRole('heading', { name: '交付', exact: true }).waitFor({ state: 'detached' });
    const delivered = (await api.http.get(`/v1/engagements/${engagement.id}`).set(bearer(provider.token)).expect(200)).body;
    expect(delivered).toMatchObject({ status: 'delivered', invoiceNumber: `CM-${stamp}` });
    expect(await page.locator('dd.status').textContent()).toBe('已交付，待验收');
    await accessible('engagement delivered');

    // ---- its profile: vetted, its alliance
    await page.getByRole('link', { name: '机构资料' }).click();
    await page.getByRole('heading', { name: '机构资料', level: 1 }).waitFor();
    await page.getByText(providerName).waitFor();
    const me = (await api.http.get(`/v1/providers/${provider.id}`).set(bearer(provider.token)).expect(200)).body;
    expect(await page.getByText(/已审核，有效至/).textContent()).toBe(
      `已审核，有效至 ${new Date(me.vettedUntil).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })}`,
    );
    await accessible('profile');
    await fitsThePhone('profile');
    await screenshot(page, 'provider-profile');
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
