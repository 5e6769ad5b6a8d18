import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { award, bidFrom } from '../factories/vouchers.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot, signIn } from '../support/browser.js';
import { ensureWebBuilt } from '../support/built-dist.js';
import { startApi, startWorker, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`console-manager.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(180_000);

/** Jiading's alliance (no other test uses it): members, match reviews and weights in the web app. */
describeInBrowser('the back office of an alliance manager, in Chromium', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let base: string;
  let alliance: Awaited<ReturnType<typeof createAlliance>>;
  const stamp = Date.now().toString(36);
  const names = {
    applicant: `嘉定申请者 Jiading applicant ${stamp}`,
    expiring: `嘉定即将到期 Jiading expiring ${stamp}`,
    steady: `嘉定长期成员 Jiading steady ${stamp}`,
  };
  let applicant: { id: string; token: string };
  let steady: { id: string; token: string };
  let round: Awaited<ReturnType<typeof bidFrom>>;

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startApi();
    worker = await startWorker();
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    alliance = await createAlliance(api, `嘉定出海服务联盟 Jiading alliance ${stamp}`, ['jiading']);
    applicant = await createProvider(api, { district: 'jiading', name: names.applicant });
    await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(applicant.token)).expect(201);
    const expiring = await createProvider(api, { district: 'jiading', name: names.expiring });
    await vet(api, alliance, expiring, 20);
    steady = await createProvider(api, { district: 'jiading', name: names.steady });
    await vet(api, alliance, steady, 300);
    // A request its member was ranked for, bid on and won: what reviews and replays work on.
    const enterprise = await createEnterprise(api, { district: 'jiading' });
    round = await bidFrom(api, alliance, enterprise, { country: 'UZ', district: 'jiading', price: 5_000_000 });
    await award(api, enterprise, round).expect(201);
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser, { width: 1280, height: 900 }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  const get = async (path: string) => (await api.http.get(path).set(bearer(alliance.manager)).expect(200)).body;
  const go = async (link: string, heading: string) => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  async function accessible(view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }

  it('approves an applicant with a term, suspends a member, reviews a match, replays proposed weights beside the live ones and applies them', async () => {
    await signIn(page, base, 'alliance_manager', alliance.id);
    await page.getByRole('heading', { name: '成员与申请', level: 1 }).waitFor();

    // ---- applications first, then the soonest to expire
    const rows = page.getByRole('table', { name: '成员与申请' }).locator('tbody tr');
    await rows.nth(3).waitFor();
    const members = (await get(`/v1/alliances/${alliance.id}/members`)).data;
    expect(members).toHaveLength(4);
    expect(await rows.count()).toBe(4);
    expect((await rows.locator('th').allTextContents()).slice(0, 3)).toEqual([names.applicant, names.expiring, names.steady]);
    const row = (name: string) => rows.filter({ has: page.getByRole('rowheader', { name }) });
    expect(await row(names.applicant).getByRole('cell').first().textContent()).toBe('待审核');
    expect(await row(names.expiring).getByRole('cell').nth(1).textContent()).toMatch(/\(剩 (19|20) 天\)\s*$/);
    await accessible('members');

    const until = new Date(Date.now() + 200 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await page.getByLabel(`${names.applicant} 审核有效至`).fill(until);
    await page.getByLabel(`${names.applicant} 审核有效至`).press('Enter');
    await row(names.applicant).getByRole('cell', { name: '有效', exact: true }).waitFor();
    await page.getByLabel(`暂停 ${names.steady} 的原因`).fill('资质证书过期 Licence expired');
    await row(names.steady).getByRole('button', { name: '暂停' }).click();
    await row(names.steady).getByRole('cell', { name: '已暂停', exact: true }).waitFor();
    const after = new Map((await get(`/v1/alliances/${alliance.id}/members`)).data.map((m: { providerId: string }) => [m.providerId, m]));
    expect(after.get(applicant.id)).toMatchObject({ status: 'active', vettedUntil: new Date(`${until}T23:59:59+08:00`).toISOString() });
    expect(after.get(steady.id)).toMatchObject({ status: 'suspended', suspendedReason: '资质证书过期 Licence expired' });
    expect(await row(names.steady).getByRole('cell').nth(3).textContent()).toBe('资质证书过期 Licence expired');
    await accessible('members after');
    await screenshot(page, 'manager-members');

    // ---- match reviews: the member's rank, factors and reasons as the API has them; a verdict
    await go('匹配评审', '匹配评审');
    const [match] = (await get(`/v1/alliances/${alliance.id}/matches?requestId=${round.requestId}`)).data;
    const card = page.getByRole('article', { name: match.providerName });
    await card.waitFor();
    expect(await card.getByRole('heading').textContent()).toContain(`#${match.rank} / ${match.request.candidates}`);
    expect(await card.getByRole('list', { name: '理由' }).getByRole('listitem').allTextContents()).toEqual(match.reasonsZh);
    const factorRows = card.getByRole('table', { name: '评分因素' }).locator('tbody tr');
    expect(match.factors.length).toBeGreaterThan(3);
    expect(await factorRows.count()).toBe(match.factors.length);
    for (const [i, factor] of match.factors.entries()) {
      expect(await factorRows.nth(i).getByRole('cell').allTextContents()).toEqual([
        factor.value.toFixed(2),
        `${(factor.weight * 100).toFixed(1)}%`,
        factor.contribution.toFixed(3),
      ]);
    }
    await card.getByRole('radio', { name: '不合适' }).check();
    await card.getByRole('textbox', { name: '理由' }).fill('报价偏高 Priced high for the scope');
    await card.getByRole('button', { name: '保存评审' }).click();
    await card.getByText(/^已评审 .*：不合适 · 报价偏高 Priced high for the scope$/).waitFor();
    const [reviewed] = (await get(`/v1/alliances/${alliance.id}/matches?requestId=${round.requestId}`)).data;
    expect(reviewed.review).toMatchObject({ verdict: 'poor', reason: '报价偏高 Priced high for the scope' });
    await accessible('matches');
    await screenshot(page, 'manager-matches');

    // ---- weights: the current ones, a replay under proposed ones beside the live ranking, apply
    await go('排序权重', '排序权重');
    const current = await get(`/v1/alliances/${alliance.id}/match-weights`);
    const weightRows = page.getByRole('table', { name: '平台默认权重' }).locator('tbody tr');
    await weightRows.first().waitFor();
    expect(await weightRows.count()).toBe(Object.keys(current.weights).length);
    expect(await weightRows.locator('td:nth-of-type(1)').allTextContents()).toEqual(
      Object.values(current.weights as Record<string, number>).map((w) => `${(w * 100).toFixed(1)}%`),
    );
    expect(await page.getByRole('button', { name: '应用提议权重' }).isDisabled()).toBe(true);
    await page.getByLabel('质量 的提议权重').fill('60');
    await page.getByRole('button', { name: '回放' }).click();
    const result = page.getByRole('table', { name: /^回放 \d+ 个已中标需求$/ });
    await result.waitFor({ timeout: 60_000 });
    // The same replay asked of the API gives the figures the page shows.
    const proposed = Object.fromEntries(
      Object.entries(current.weights as Record<string, number>).map(([k, w]) => [k, k === 'quality' ? 60 : Math.round(w * 1000) / 10]),
    );
    // The page's default period: the last 180 days, as days in Shanghai (the browser's time zone).
    const shanghaiDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const from = new Date(`${shanghaiDay(180)}T00:00:00+08:00`).toISOString();
    const to = new Date(`${shanghaiDay(0)}T23:59:59+08:00`).toISOString();
    const { replayId } = (await api.http.post('/v1/quality/replays').set(bearer(alliance.manager)).send({ weights: proposed, from, to }).expect(202)).body;
    let replay = await get(`/v1/quality/replays/${replayId}`);
    for (let i = 0; i < 100 && replay.status === 'queued'; i++) replay = await get(`/v1/quality/replays/${replayId}`);
    expect(replay.status).toBe('completed');
    expect(replay.result.requests).toBeGreaterThanOrEqual(1);
    const fmt = (v: number | null) => (v === null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(3));
    for (const [metric, label] of [
      ['awarded', '中标需求'],
      ['mrr', '平均倒数排名 MRR'],
      ['ndcgAt10', 'NDCG@10'],
    ] as const) {
      expect(await result.getByRole('row').filter({ hasText: label }).getByRole('cell').allTextContents()).toEqual([
        fmt(replay.result.current[metric]),
        fmt(replay.result.proposed[metric]),
      ]);
    }

    await page.getByRole('button', { name: '应用提议权重' }).click();
    await page.getByRole('status').filter({ hasText: '已应用。' }).waitFor();
    const applied = await get(`/v1/alliances/${alliance.id}/match-weights`);
    expect(applied.overrides.quality).toBe(60);
    expect(applied.weights.quality).toBeGreaterThan(current.weights.quality);
    await accessible('weights');
    await screenshot(page, 'manager-weights');
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
