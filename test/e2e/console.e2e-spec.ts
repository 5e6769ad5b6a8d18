import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { act } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { award, bidFrom, createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { browserMissing, launchChromium, openPage, screenshot } from '../support/browser.js';
import { startApi, type Api } from '../support/harness.js';

/** "¥1,234.56" from fen, as the console prints money. */
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const missing = browserMissing();
if (missing) console.warn(`console.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(60_000);

describe('the web console', () => {
  let api: Api;
  let base: string;
  beforeAll(async () => {
    api = await startApi();
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await api.close();
  });

  it('serves the page, its scripts and ECharts without a token, with types, caching and a same-origin CSP', async () => {
    for (const path of ['/console', '/console/']) {
      const page = await api.http.get(path).expect(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'; style-src 'self'/);
      expect(page.text).toContain('/console/vendor/echarts.min.js');
    }
    const script = await api.http.get('/console/assets/console.js').expect(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await api.http.get('/console/assets/console.css').expect(200)).headers['content-type']).toBe('text/css; charset=utf-8');
    const echarts = await api.http.get('/console/vendor/echarts.min.js').expect(200);
    expect(echarts.headers['cache-control']).toBe('public, max-age=86400');
    expect(echarts.text.length).toBeGreaterThan(500_000);
    await api.http.get('/console/assets/console.js').set('If-None-Match', script.headers.etag!).expect(304);
    for (const path of ['/console/assets/nope.js', '/console/assets/..%2Fconsole.module.ts', '/console/assets/index.html']) {
      const res = await api.http.get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  describeInBrowser('in Chromium', () => {
    let browser: Browser;
    let alliance: { id: string; manager: string };
    let program: { id: string; officer: string };

    /** Chongming's alliance and programme, used by no other test: the numbers are this file's own. */
    beforeAll(async () => {
      browser = await launchChromium();
      alliance = await createAlliance(api, `崇明出海服务联盟 Chongming alliance ${randomUUID().slice(0, 8)}`, ['chongming']);
      const enterprise = await createEnterprise(api, { district: 'chongming' });
      program = await createProgram(api, { district: 'chongming', name: '崇明区出海专业服务券 Chongming outbound services voucher', budget: rmb(2_000_000) });
      const voucher = await issueVoucher(api, program, enterprise.id, rmb(60_000));
      await issueVoucher(api, program, enterprise.id, rmb(20_000));

      // Completed: awarded with the voucher, paid by transfer, delivered, accepted, rated.
      const first = await bidFrom(api, alliance, enterprise, { country: 'VU', district: 'chongming', price: 10_000_000 });
      const engagement = (await award(api, enterprise, first, voucher).expect(201)).body;
      const { reference } = (await act(api, enterprise.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
      await act(api, first.provider.token, engagement.id, 'payments/confirm-transfer', { reference, amount: engagement.enterpriseShare }).expect(200);
      await act(api, first.provider.token, engagement.id, 'deliver').expect(200);
      await act(api, enterprise.token, engagement.id, 'accept').expect(200);
      await act(api, enterprise.token, engagement.id, 'rating', { score: 5 }).expect(200);
      // Awarded, not yet paid; a bid without an award; an invitation without a bid.
      await award(api, enterprise, await bidFrom(api, alliance, enterprise, { country: 'TL', district: 'chongming', price: 5_000_000 })).expect(201);
      await bidFrom(api, alliance, enterprise, { country: 'KM', district: 'chongming', price: 3_000_000 });
      const silent = await createProvider(api, { district: 'chongming', categories: ['legal'], services: ['odi_filing', 'entity_setup'], countries: ['DJ'], overseasOffices: ['DJ'] });
      await vet(api, alliance, silent);
      const quiet = await createRequest(api, enterprise.token, { category: 'legal', services: ['odi_filing', 'entity_setup'], countries: ['DJ'] });
      await publish(api, enterprise.token, quiet);
      // Demand the alliance cannot meet: no member covers Eritrea.
      await publish(api, enterprise.token, await createRequest(api, enterprise.token, { category: 'legal', services: ['odi_filing'], countries: ['ER'] }));
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
    });

    async function logIn(page: Page, role: string, org: string) {
      await page.goto(`${base}/console`);
      await page.waitForSelector('body[data-ready="login"]');
      await page.selectOption('#login-role', role);
      await page.fill('#login-org', org);
      await page.click('#login-form button[type="submit"]');
    }
    const cellOf = (page: Page, chart: string, key: string, column = 1) =>
      page.locator(`figure[data-chart="${chart}"] tr[data-key="${key}"] td`).nth(column - 1);
    const svgTexts = (page: Page, chart: string) =>
      page.locator(`figure[data-chart="${chart}"] svg text`).evaluateAll((els) => els.map((e) => e.textContent ?? ''));

    it('shows an alliance manager the funnel, award ranks, concentration, coverage and trend with the API figures', async () => {
      const quality = (await api.http.get(`/v1/alliances/${alliance.id}/quality`).set(bearer(alliance.manager)).expect(200)).body;
      expect(quality.invitationToBid).toMatchObject({ invitations: 4, withBid: 3 });
      const { page, errors } = await openPage(browser);
      await logIn(page, 'alliance_manager', alliance.id);
      await page.waitForSelector('#alliance-view[data-state="ready"]');

      const funnel = { invitations: quality.invitationToBid.invitations, bids: quality.invitationToBid.withBid, awards: quality.awardRank.awarded, completed: quality.engagements.completion.completed };
      expect(funnel).toEqual({ invitations: 4, bids: 3, awards: 2, completed: 1 });
      for (const [key, value] of Object.entries(funnel)) {
        expect(await cellOf(page, 'funnel', key).getAttribute('data-value')).toBe(String(value));
      }
      const funnelLabels = (await svgTexts(page, 'funnel')).join('|');
      expect(funnelLabels).toContain('邀请 Invitations');
      expect(funnelLabels).toContain(String(funnel.invitations));

      const d = quality.awardRank.distribution;
      for (const [i, n] of d.byRank.entries()) expect(await cellOf(page, 'award-rank', `rank-${i + 1}`).getAttribute('data-value')).toBe(String(n));
      expect(await cellOf(page, 'award-rank', 'notRanked').getAttribute('data-value')).toBe(String(d.notRanked));
      expect(await page.locator('figure[data-chart="award-rank"] svg rect, figure[data-chart="award-rank"] svg path').count()).toBeGreaterThan(0);

      expect(await page.textContent('#gini')).toContain(`邀请 Invitations ${quality.concentration.invitations.gini.toFixed(2)}`);
      expect(await page.textContent('#gini')).toContain(`中标金额 Awarded value ${quality.concentration.awardedValue.gini.toFixed(2)}`);
      expect(await cellOf(page, 'lorenz', 'awardedValue').getAttribute('data-value')).toBe(String(quality.concentration.awardedValue.gini));

      expect(await page.locator('figure[data-chart="coverage"] tbody tr').count()).toBe(quality.coverageGaps.length);
      const vu = quality.coverageGaps.find((g: { country: string }) => g.country === 'VU');
      expect(vu).toEqual({ country: 'VU', category: 'legal', vettedMembers: 1, demand: 1 });
      expect(await cellOf(page, 'coverage', 'VU:legal', 1).getAttribute('data-value')).toBe('1');
      expect(await cellOf(page, 'coverage', 'VU:legal', 2).getAttribute('data-value')).toBe('1');
      expect(await svgTexts(page, 'coverage')).toEqual(expect.arrayContaining(['1 / 1', '瓦努阿图 VU']));

      const month = quality.trend.at(-1);
      expect(await cellOf(page, 'trend', month.month, 2).getAttribute('data-value')).toBe(String(month.invitations));

      expect(await page.textContent('[data-kpi="invitationToBidRate"] dd')).toBe(`${(quality.invitationToBid.rate * 100).toFixed(1)}%`);
      expect(await page.textContent('[data-kpi="completionRate"] dd')).toBe(`${(quality.engagements.completion.rate * 100).toFixed(1)}%`);
      expect(await page.textContent('[data-kpi="meanRating"] dd')).toBe('5.0');
      expect(await page.textContent('[data-kpi="ndcgAt10"] dd')).toBe(quality.awardRank.ndcgAt10 === null ? '–' : quality.awardRank.ndcgAt10.toFixed(2));
      expect(await page.textContent('[data-kpi="verdicts"] dd')).toBe('0 / 0');

      await screenshot(page, 'alliance-manager');
      await page.setViewportSize({ width: 420, height: 900 });
      await page.waitForTimeout(200);
      await screenshot(page, 'alliance-manager-narrow');
      expect(errors).toEqual([]);
    });

    it('shows a district officer each budget as a stacked bar and burn-down, and sets the alert on available', async () => {
      const view = (await api.http.get(`/v1/programs/${program.id}`).set(bearer(program.officer)).expect(200)).body;
      const history = (await api.http.get(`/v1/programs/${program.id}/ledger/history`).set(bearer(program.officer)).expect(200)).body;
      const { page, errors } = await openPage(browser);
      await logIn(page, 'district_officer', 'chongming');
      await page.waitForSelector('#district-view[data-state="ready"]');
      const card = `article[data-program-id="${program.id}"]`;
      await page.waitForSelector(`${card} figure[data-chart="burn-down"][data-rendered="true"]`);

      for (const key of ['budget', 'reserved', 'committed', 'approved', 'paid', 'available']) {
        expect(await page.locator(`${card} figure[data-chart="budget"] tr[data-key="${key}"] td`).getAttribute('data-value')).toBe(String(view.ledger[key].amount));
      }
      expect(view.ledger.committed.amount).toBe(3_000_000);
      const available = view.ledger.available.amount;
      expect(await page.locator(`${card} figure[data-chart="budget"] tr[data-key="available"] td`).textContent()).toBe(yuan(available));
      expect(await page.locator(`${card} figure[data-chart="budget"] svg text`).allTextContents()).toContain(yuan(available));

      const last = history.points.at(-1);
      expect(await page.locator(`${card} figure[data-chart="burn-down"] tr[data-key="${last.date}"] td`).nth(4).getAttribute('data-value')).toBe(String(last.available));
      expect(history.burnDown.runsOutOn).toBeNull();
      expect(await page.textContent(`${card} .runs-out`)).toContain('Nothing is being spent');

      // A threshold above what is available fires at once.
      await page.fill(`${card} input[name="amount"]`, '1,999,000');
      await page.click(`${card} .alert-form button`);
      await page.waitForSelector(`${card} .alert-state[data-threshold="199900000"]`);
      expect(await page.textContent(`${card} .alert-state`)).toContain('已提醒 Alerted');
      const alert = (await api.http.get(`/v1/programs/${program.id}/alert`).set(bearer(program.officer)).expect(200)).body;
      expect(alert).toEqual({ availableBelow: rmb(1_999_000), alertedAt: expect.any(String) });

      await page.fill(`${card} input[name="amount"]`, '12.345');
      await page.click(`${card} .alert-form button`);
      expect(await page.textContent(`${card} .problem`)).toContain('Enter an amount');

      await screenshot(page, 'district-officer');
      expect(errors).toEqual([]);
    });

    it('draws the run-out date at the current pace when the programme is being spent', async () => {
      const { page, errors } = await openPage(browser);
      // The API cannot backdate postings, so the history is a spending one of 60 days.
      await page.route(`**/v1/programs/${program.id}/ledger/history`, (route) => {
        const points = Array.from({ length: 60 }, (_, i) => {
          const paid = i * 2_500_000;
          return { date: new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10), reserved: 500_000, committed: 1_000_000, approved: 0, paid, available: 200_000_000 - paid - 1_500_000 };
        });
        void route.fulfill({ json: { programId: program.id, currency: 'CNY', points, burnDown: { spentPerDay: 2_500_000, runsOutOn: '2026-12-17' } } });
      });
      await logIn(page, 'district_officer', 'chongming');
      const card = `article[data-program-id="${program.id}"]`;
      await page.waitForSelector(`${card} figure[data-chart="burn-down"][data-rendered="true"]`);
      expect(await page.getAttribute(`${card} .runs-out`, 'data-runs-out-on')).toBe('2026-12-17');
      expect(await page.textContent(`${card} .runs-out`)).toContain('At ¥25,000.00 a day it runs out on 2026-12-17');
      expect(await page.locator(`${card} figure[data-chart="burn-down"] svg text`).allTextContents()).toContain('用尽 Runs out 2026-12-17');
      await screenshot(page.locator(card), 'district-officer-projection');
      expect(errors).toEqual([]);
    });

    it("shows the API's problem+json readably: a token the API refuses, a dev-token request it rejects", async () => {
      const real = await api.token('alliance_manager', alliance.id);
      const forged = `${real.split('.').slice(0, 2).join('.')}.forgedsignature`;
      const { page } = await openPage(browser);
      await page.goto(`${base}/console`);
      await page.waitForSelector('body[data-ready="login"]');
      await screenshot(page, 'login');
      await page.fill('#login-token', forged);
      await page.click('#token-form button[type="submit"]');
      await page.waitForSelector('#alliance-view[data-state="error"]');
      const problem = await page.textContent('#alliance-problem');
      expect(problem).toContain('401');
      expect(problem).toContain('unauthenticated');
      expect(await page.isVisible('#alliance-problem button')).toBe(true);
      expect(await page.isVisible('figure[data-chart="funnel"]')).toBe(false);
      await screenshot(page, 'problem');

      await page.click('#alliance-problem button');
      await page.waitForSelector('body[data-ready="login"]');
      await logIn(page, 'alliance_manager', 'not-a-uuid');
      await page.waitForSelector('#notice:not([hidden])');
      expect(await page.textContent('#notice')).toContain('400');
      expect(await page.textContent('#notice')).toContain('org: must be a UUID for role alliance_manager');
    });
  });
});
