import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { award, bidFrom } from '../factories/vouchers.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot } from '../support/browser.js';
import { startApi, startWorker, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`console-manager.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(120_000);

/** Jiading's alliance (no other test uses it): members, match reviews and weights in the console. */
describeInBrowser('the back office of an alliance manager, in Chromium', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let base: string;
  let alliance: Awaited<ReturnType<typeof createAlliance>>;
  let applicant: { id: string; token: string };
  let expiring: { id: string; token: string };
  let steady: { id: string; token: string };
  let round: Awaited<ReturnType<typeof bidFrom>>;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    alliance = await createAlliance(api, `嘉定出海服务联盟 Jiading alliance ${stamp}`, ['jiading']);
    applicant = await createProvider(api, { district: 'jiading', name: `嘉定申请者 Jiading applicant ${stamp}` });
    await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(applicant.token)).expect(201);
    expiring = await createProvider(api, { district: 'jiading', name: `嘉定即将到期 Jiading expiring ${stamp}` });
    await vet(api, alliance, expiring, 20);
    steady = await createProvider(api, { district: 'jiading', name: `嘉定长期成员 Jiading steady ${stamp}` });
    await vet(api, alliance, steady, 300);
    // A request its member was ranked for, bid on and won: what reviews and replays work on.
    const enterprise = await createEnterprise(api, { district: 'jiading' });
    round = await bidFrom(api, alliance, enterprise, { country: 'UZ', district: 'jiading', price: 5_000_000 });
    await award(api, enterprise, round).expect(201);
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser, { width: 1280, height: 900 }));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  const get = async (path: string) => (await api.http.get(path).set(bearer(alliance.manager)).expect(200)).body;
  const go = async (route: string) => {
    await page.click(`#nav a[href="#/alliance/${route}"]`);
    await page.waitForSelector(`section[data-route="alliance/${route}"][data-state="ready"]`);
  };
  async function accessible(view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }

  it('approves an applicant with a term, suspends a member, reviews a match, replays proposed weights beside the live ones and applies them', async () => {
    // ---- the API's problems, readably in both languages: a token it refuses, a dev-token request it rejects
    const real = await api.token('alliance_manager', alliance.id);
    await page.goto(`${base}/console`);
    await page.waitForSelector('body[data-ready="login"]');
    await accessible('login');
    await screenshot(page, 'login');
    await page.fill('#login-token', `${real.split('.').slice(0, 2).join('.')}.forgedsignature`);
    await page.click('#token-form button[type="submit"]');
    await page.waitForSelector('#alliance-view[data-state="error"]');
    const refused = await page.textContent('#alliance-problem');
    expect(refused).toContain('401 未登录或令牌无效');
    expect(refused).toContain('unauthenticated');
    expect(await page.isVisible('figure[data-chart="funnel"]')).toBe(false);
    await screenshot(page, 'problem');
    await page.click('#alliance-problem button');
    await page.waitForSelector('body[data-ready="login"]');
    await page.fill('#login-org', 'not-a-uuid');
    await page.click('#login-form button[type="submit"]');
    await page.waitForSelector('#notice:not([hidden])');
    expect(await page.textContent('#notice')).toContain('400 输入有误');
    expect(await page.textContent('#notice')).toContain('org: must be a UUID for role alliance_manager');

    // ---- the quality view that was there, against the API's figures for the same period
    await page.fill('#login-org', alliance.id);
    await page.click('#login-form button[type="submit"]');
    await page.waitForSelector('#alliance-view[data-state="ready"]');
    const day = async (id: string) => page.inputValue(id);
    const from = new Date(`${await day('#period-from')}T00:00:00+08:00`);
    const to = new Date(new Date(`${await day('#period-to')}T00:00:00+08:00`).getTime() + 86_400_000);
    const quality = await get(`/v1/alliances/${alliance.id}/quality?from=${from.toISOString()}&to=${to.toISOString()}`);
    const chartCell = (chart: string, key: string, column = 1) =>
      page.getAttribute(`figure[data-chart="${chart}"] tr[data-key="${key}"] td >> nth=${column - 1}`, 'data-value');
    const funnel = {
      invitations: quality.invitationToBid.invitations,
      bids: quality.invitationToBid.withBid,
      awards: quality.awardRank.awarded,
      completed: quality.engagements.completion.completed,
    };
    expect(funnel.awards).toBe(1);
    for (const [key, value] of Object.entries(funnel)) expect(await chartCell('funnel', key)).toBe(String(value));
    for (const [i, n] of quality.awardRank.distribution.byRank.entries()) expect(await chartCell('award-rank', `rank-${i + 1}`)).toBe(String(n));
    expect(await chartCell('lorenz', 'invitations')).toBe(String(quality.concentration.invitations.gini));
    expect(await page.locator('figure[data-chart="coverage"] tbody tr').count()).toBe(quality.coverageGaps.length);
    const month = quality.trend.at(-1);
    expect(await chartCell('trend', month.month, 3)).toBe(String(month.bids));
    expect(await page.textContent('[data-kpi="members"] dd')).toBe(String(quality.members));
    expect(await page.textContent('[data-kpi="mrr"] dd')).toBe(quality.awardRank.mrr.toFixed(2));
    await accessible('quality');
    await screenshot(page, 'manager-quality');

    // ---- members, reached and worked by keyboard: applications first, then the soonest to expire
    await page.focus('#nav a[href="#/alliance/members"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('section[data-route="alliance/members"][data-state="ready"]');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe(
      'view-alliance-members-title',
    );
    const keys = await page
      .locator('section[data-route="alliance/members"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { key: string } }).dataset.key));
    expect(keys).toEqual([applicant.id, expiring.id, steady.id, round.provider.id]);
    expect(await page.getAttribute(`tr[data-key="${applicant.id}"] [data-col="status"]`, 'data-value')).toBe('pending');
    expect(await page.textContent(`tr[data-key="${expiring.id}"] [data-col="until"]`)).toMatch(/剩 (19|20) 天/);

    const until = new Date(Date.now() + 200 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await page.fill(`tr[data-key="${applicant.id}"] form.approve input[name="until"]`, until);
    await page.press(`tr[data-key="${applicant.id}"] form.approve input[name="until"]`, 'Enter');
    await page.waitForSelector(`tr[data-key="${applicant.id}"] [data-col="status"][data-value="active"]`);
    await page.fill(`tr[data-key="${steady.id}"] form.suspend input[name="reason"]`, '资质证书过期 Licence expired');
    await page.click(`tr[data-key="${steady.id}"] form.suspend button`);
    await page.waitForSelector(`tr[data-key="${steady.id}"] [data-col="status"][data-value="suspended"]`);
    const members = new Map((await get(`/v1/alliances/${alliance.id}/members`)).data.map((m: { providerId: string }) => [m.providerId, m]));
    expect(members.get(applicant.id)).toMatchObject({ status: 'active', vettedUntil: new Date(`${until}T23:59:59+08:00`).toISOString() });
    expect(members.get(steady.id)).toMatchObject({ status: 'suspended', suspendedReason: '资质证书过期 Licence expired' });
    expect(await page.textContent(`tr[data-key="${steady.id}"] [data-col="reason"]`)).toBe('资质证书过期 Licence expired');
    await accessible('members');
    await screenshot(page, 'manager-members');

    // ---- match reviews: the member's rank, factors and reasons as the API has them; a verdict
    await go('matches');
    const [match] = (await get(`/v1/alliances/${alliance.id}/matches?requestId=${round.requestId}`)).data;
    const article = `article.match[data-request-id="${round.requestId}"][data-provider-id="${round.provider.id}"]`;
    await page.waitForSelector(article);
    expect(await page.textContent(`${article} h4`)).toContain(`#${match.rank} / ${match.request.candidates}`);
    expect(await page.locator(`${article} .reasons li`).allTextContents()).toEqual(
      match.reasons.map((en: string, i: number) => `${match.reasonsZh[i]} · ${en}`),
    );
    for (const factor of match.factors) {
      expect(await page.getAttribute(`${article} tr[data-key="${factor.name}"] [data-col="contribution"]`, 'data-value')).toBe(String(factor.contribution));
    }
    await page.check(`${article} input[name="verdict"][value="poor"]`);
    await page.fill(`${article} input[name="reason"]`, '报价偏高 Priced high for the scope');
    await page.click(`${article} form.verdict button`);
    await page.waitForSelector(`${article} .review-state[data-verdict="poor"]`);
    const [reviewed] = (await get(`/v1/alliances/${alliance.id}/matches?requestId=${round.requestId}`)).data;
    expect(reviewed.review).toMatchObject({ verdict: 'poor', reason: '报价偏高 Priced high for the scope' });
    await accessible('matches');
    await screenshot(page, 'manager-matches');

    // ---- weights: the current ones, a replay under proposed ones beside the live ranking, apply
    await go('weights');
    const current = await get(`/v1/alliances/${alliance.id}/match-weights`);
    for (const [name, weight] of Object.entries(current.weights)) {
      expect(await page.getAttribute(`#weights-form tr[data-key="${name}"] [data-col="current"]`, 'data-value')).toBe(String(weight));
    }
    expect(await page.isDisabled('#weights-form button[value="apply"]')).toBe(true);
    await page.fill('#weights-form input[name="quality"]', '60');
    await page.click('#weights-form button[value="replay"]');
    await page.waitForSelector('.replay-result[data-replay-id]', { timeout: 30_000 });
    const replay = await get(`/v1/quality/replays/${await page.getAttribute('.replay-result', 'data-replay-id')}`);
    expect(replay.result.requests).toBeGreaterThanOrEqual(1);
    for (const metric of ['awarded', 'ranked', 'mrr', 'ndcgAt10']) {
      for (const side of ['current', 'proposed']) {
        const value = replay.result[side][metric];
        expect(await page.getAttribute(`.replay-result tr[data-key="${metric}"] [data-col="${side}"]`, 'data-value')).toBe(
          value === null ? null : String(value),
        );
      }
    }
    await page.waitForSelector('figure[data-chart="replay"][data-rendered="true"]');
    expect(await page.getAttribute('figure[data-chart="replay"] tr[data-key="rank-1"] td', 'data-value')).toBe(
      String(replay.result.current.distribution.byRank[0]),
    );

    await page.click('#weights-form button[value="apply"]');
    await page.waitForSelector('#weights-form[data-applied="true"]');
    const applied = await get(`/v1/alliances/${alliance.id}/match-weights`);
    expect(applied.overrides).toEqual(replay.weights);
    expect(applied.overrides.quality).toBe(60);
    expect(applied.weights.quality).toBeGreaterThan(current.weights.quality);
    await accessible('weights');
    await screenshot(page, 'manager-weights');
    // Chromium logs each 4xx it fetched (the refused token and org, asserted above); nothing else went wrong.
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
