import { readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { act } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { award, bidFrom } from '../factories/vouchers.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot } from '../support/browser.js';
import { openDatabase, startApi, startWorker, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`console-officer.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(120_000);

/**
 * A district officer of Baoshan (no other test uses it) runs the whole voucher cycle in the
 * console: programme, voucher, reconciliation with an anomaly, settlement CSV and payout, audit.
 */
describeInBrowser('the back office of a district officer, in Chromium', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let officer: string;
  let base: string;
  const stamp = Date.now().toString(36);
  const enterpriseName = `宝山动力电池有限公司 Baoshan Battery ${stamp}`;
  let enterprise: Awaited<ReturnType<typeof createEnterprise>>;
  let alliance: Awaited<ReturnType<typeof createAlliance>>;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    officer = await api.token('district_officer', 'baoshan');
    enterprise = await createEnterprise(api, { district: 'baoshan', name: enterpriseName });
    alliance = await createAlliance(api, `宝山出海服务联盟 Baoshan alliance ${stamp}`, ['baoshan']);
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser, { width: 1280, height: 900 }));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  const get = async (path: string) => (await api.http.get(path).set(bearer(officer)).expect(200)).body;
  const go = async (route: string) => {
    await page.click(`#nav a[href="#/officer/${route}"]`);
    await page.waitForSelector(`section[data-route="officer/${route}"][data-state="ready"]`);
  };
  const cell = (row: string, col: string) => page.locator(`${row} [data-col="${col}"]`);
  async function accessible(view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }

  it('creates a programme, issues a voucher, sees it used, reconciles, flags an anomaly, downloads the CSV, confirms the payout and reads the audit trail', async () => {
    await page.goto(`${base}/console`);
    await page.waitForSelector('body[data-ready="login"]');
    await accessible('login');
    await page.selectOption('#login-role', 'district_officer');
    await page.fill('#login-org', 'baoshan');
    await page.click('#login-form button[type="submit"]');
    await page.waitForSelector('#district-view[data-state="ready"]');

    // ---- a programme, with the subsidy previewed on an example price
    await go('programmes');
    const form = '#program-create';
    await page.fill(`${form} [name="name"]`, `宝山区出海服务券 Baoshan outbound voucher ${stamp}`);
    await page.fill(`${form} [name="policyRef"]`, '宝商务〔2026〕7 号');
    await page.fill(`${form} [name="budget"]`, '2,000,000');
    await page.check(`${form} input[name="categories"][value="legal"]`);
    await page.fill(`${form} [name="example"]`, '1200000');
    expect(await page.textContent(`${form} output.preview`)).toBe('¥1,200,000.00 → 30% = ¥360,000.00 → 封顶 capped ¥300,000.00');
    await page.fill(`${form} [name="rate"]`, '25');
    expect(await page.textContent(`${form} output.preview`)).toBe('¥1,200,000.00 → 25% = ¥300,000.00');
    await page.fill(`${form} [name="rate"]`, '30');
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector(`${form}[data-created-id]`);
    const programId = (await page.getAttribute(form, 'data-created-id'))!;
    const program = await get(`/v1/programs/${programId}`);
    expect(program).toMatchObject({
      district: 'baoshan',
      rateBps: 3000,
      perVoucherCap: { amount: 30_000_000 },
      perEnterpriseCap: { amount: 30_000_000 },
      budget: { amount: 200_000_000 },
      categories: ['legal'],
    });
    await page.waitForSelector(`tr[data-key="${programId}"]`);
    expect(await cell(`tr[data-key="${programId}"]`, 'budget').getAttribute('data-value')).toBe(String(program.ledger.available.amount));
    await accessible('programmes');

    // ---- a voucher to an enterprise found by name, the group's cap shown; a double click issues one
    await go('vouchers');
    await page.fill('#voucher-issue input[name="q"]', `battery ${stamp}`);
    await page.press('#voucher-issue input[name="q"]', 'Enter');
    await page.check(`#voucher-issue input[name="enterpriseId"][value="${enterprise.id}"]`);
    await page.waitForSelector('.group-cap');
    expect(await page.getAttribute('.group-cap', 'data-cap')).toBe('30000000');
    expect(await page.getAttribute('.group-cap', 'data-held')).toBe('0');
    await page.fill('#voucher-issue input[name="faceValue"]', '300000');
    await page.dblclick('#voucher-issue button[type="submit"]');
    await page.waitForSelector('#voucher-issue[data-issued-id]');
    const voucherId = (await page.getAttribute('#voucher-issue', 'data-issued-id'))!;
    const vouchers = (await get(`/v1/vouchers?programId=${programId}`)).data;
    expect(vouchers.map((v: { id: string }) => v.id)).toEqual([voucherId]);
    const row = `tr[data-key="${voucherId}"]`;
    await page.waitForSelector(row);
    expect(await cell(row, 'face').textContent()).toBe('¥300,000.00');
    expect(await cell(row, 'status').getAttribute('data-value')).toBe('active');

    // A second voucher would pass the group's cap: the problem is shown in both languages.
    await page.fill('#voucher-issue input[name="faceValue"]', '100000');
    await page.click('#voucher-issue button[type="submit"]');
    await page.waitForSelector('#voucher-issue[data-state="error"]');
    const problem = await page.textContent('#voucher-issue .problem');
    expect(problem).toContain('409 超出上限');
    expect(problem).toContain('cap_exceeded');
    expect(problem).toContain('perEnterpriseCap');
    await accessible('vouchers');
    await screenshot(page, 'officer-vouchers');

    // ---- an award made through the API uses it, near the cap (an anomaly for auditors)
    const round = await bidFrom(api, alliance, enterprise, { country: 'KZ', district: 'baoshan', price: 99_500_000 });
    const engagement = (await award(api, enterprise, round, voucherId).expect(201)).body;
    expect(engagement.subsidy).toEqual({ amount: 29_850_000, currency: 'CNY' });
    const { reference } = (await act(api, enterprise.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, round.provider.token, engagement.id, 'payments/confirm-transfer', { reference, amount: engagement.enterpriseShare }).expect(200);
    await act(api, round.provider.token, engagement.id, 'deliver').expect(200);
    await act(api, enterprise.token, engagement.id, 'accept').expect(200);
    await page.selectOption('select[name="status"]', 'active');
    await page.waitForSelector(`${row} [data-col="used"][data-value="29850000"]`);
    expect(await cell(row, 'remaining').textContent()).toBe('¥1,500.00');

    // ---- reconciliation: live progress, counts and totals per outcome, the flag and its claim
    await go('reconciliation');
    await page.click('#reconcile-form button[type="submit"]');
    await page.waitForSelector('.current-run .run[data-status="completed"]', { timeout: 30_000 });
    const runId = (await page.getAttribute('#reconcile-form', 'data-run-id'))!;
    const run = await get(`/v1/reconciliations/${runId}`);
    expect(run.counts).toEqual({ approved: 1, adjusted: 0, held: 0, rejected: 0 });
    for (const outcome of ['approved', 'adjusted', 'held', 'rejected']) {
      expect(await page.getAttribute(`.current-run tr[data-key="${outcome}"] [data-col="count"]`, 'data-value')).toBe(String(run.counts[outcome]));
    }
    expect(await page.getAttribute('.current-run tr[data-key="approved"] [data-col="amount"]', 'data-value')).toBe(String(run.totals.approved));
    expect(run.totals.approved).toBe(29_850_000);
    expect(run.anomalies).toEqual([{ kind: 'near_cap', detail: expect.objectContaining({ engagementId: engagement.id, amount: 29_850_000 }) }]);
    const flag = '.current-run li[data-kind="near_cap"]';
    expect(await page.textContent(`${flag} dd[data-key="engagementId"]`)).toBe(engagement.id);
    expect(await page.textContent(`${flag} dd[data-key="claimId"]`)).toBe(run.anomalies[0].detail.claimId);
    expect(await page.textContent(`${flag} dd[data-key="amount"]`)).toBe('¥298,500.00');
    await accessible('reconciliation');
    await screenshot(page, 'officer-reconciliation');

    // ---- the settlement: lines, the CSV (BOM, amounts), the engagements behind a line, the payout
    await go('settlements');
    const [summary] = (await get(`/v1/programs/${programId}/settlements`)).data;
    await page.click(`tr[data-key="${summary.id}"] button`);
    await page.waitForSelector(`.settlement[data-settlement-id="${summary.id}"]`);
    const settlement = await get(`/v1/settlements/${summary.id}`);
    const line = settlement.lines[0];
    const lineRow = `.settlement tr[data-key="${line.payeeId}"]`;
    expect(await cell(lineRow, 'payee').textContent()).toBe(line.payeeName);
    expect(await cell(lineRow, 'amount').getAttribute('data-value')).toBe(String(line.amount.amount));
    expect(await cell(lineRow, 'engagements').getAttribute('data-value')).toBe('1');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#settlement-csv')]);
    const csv = readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    expect(text.split(/\r?\n/)[0]).toContain('payeeType,payeeId,payeeName,engagements,amount,currency');
    expect(text).toContain(`${line.payeeId},`);
    expect(text).toContain('298500.00,CNY');

    await page.click(`${lineRow} [data-col="detail"] button`);
    await page.waitForSelector('.engagement-detail li');
    expect(await page.locator('.engagement-detail li').allTextContents()).toEqual([engagement.id]);

    await page.fill('#settlement-confirm input[name="reference"]', `BS-BOC-${stamp}`);
    await page.click('#settlement-confirm button[type="submit"]');
    await page.waitForSelector(`.settlement[data-status="paid"]`);
    expect(await get(`/v1/settlements/${summary.id}`)).toMatchObject({ status: 'paid', reference: `BS-BOC-${stamp}` });
    expect(await page.textContent('.settlement .paid')).toContain(`BS-BOC-${stamp}`);
    await accessible('settlements');
    await screenshot(page, 'officer-settlement');

    // ---- revoke what is left of the voucher, with a reason the audit trail keeps
    await go('vouchers');
    await page.fill(`${row} input[name="reason"]`, '项目调整 Programme adjusted');
    await page.click(`${row} button.danger`);
    await page.waitForSelector(`${row} [data-col="status"][data-value="revoked"]`);
    expect((await get(`/v1/vouchers/${voucherId}`)).status).toBe('revoked');

    await go('audit');
    const trail = (await get(`/v1/programs/${programId}/audit?limit=100`)).data;
    expect(trail.map((e: { action: string }) => e.action)).toEqual([
      'voucher.revoked',
      'settlement.paid',
      'reconciliation.queued',
      'voucher.issued',
      'program.created',
    ]);
    for (const entry of trail) {
      expect(await page.getAttribute(`tr[data-key="${entry.id}"] [data-col="action"]`, 'data-value')).toBe(entry.action);
    }
    expect(await page.textContent(`tr[data-key="${trail[0].id}"] [data-col="detail"]`)).toContain('原因 Reason: 项目调整 Programme adjusted');
    await accessible('audit');

    // ---- the budget view: the stacked bar, and a burn-down of the programme's dated history
    // (funded 40 days ago, the voucher 10 days ago: what the demo seed writes for its history).
    const { db, close } = openDatabase();
    try {
      for (const [key, daysAgo] of [
        [`program:${programId}:fund`, 40],
        [`voucher:${voucherId}:issue`, 10],
      ] as const) {
        await db.execute(sql`insert into ledger_posting_dates (posting_id, effective_at)
          select id, now() - make_interval(days => ${daysAgo}) from ledger_postings where idempotency_key = ${key}`);
      }
    } finally {
      await close();
    }
    await go('budgets');
    const card = `article[data-program-id="${programId}"]`;
    await page.waitForSelector(`${card} figure[data-chart="burn-down"][data-rendered="true"]`);
    const view = await get(`/v1/programs/${programId}`);
    for (const key of ['budget', 'reserved', 'committed', 'approved', 'paid', 'available']) {
      expect(await page.getAttribute(`${card} figure[data-chart="budget"] tr[data-key="${key}"] td`, 'data-value')).toBe(String(view.ledger[key].amount));
    }
    expect(view.ledger.paid.amount).toBe(29_850_000);
    expect(await page.locator(`${card} figure[data-chart="budget"] svg text`).allTextContents()).toContain(
      `¥${(view.ledger.available.amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    const history = await get(`/v1/programs/${programId}/ledger/history`);
    expect(history.points.length).toBeGreaterThanOrEqual(3);
    expect(history.points.at(-1).available).toBeLessThan(history.points[0].available);
    for (const point of history.points) {
      expect(await page.getAttribute(`${card} figure[data-chart="burn-down"] tr[data-key="${point.date}"] td >> nth=4`, 'data-value')).toBe(
        String(point.available),
      );
    }
    expect(history.burnDown.runsOutOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getAttribute(`${card} .runs-out`, 'data-runs-out-on')).toBe(history.burnDown.runsOutOn);
    expect(await page.locator(`${card} figure[data-chart="burn-down"] svg text`).allTextContents()).toContain(`用尽 Runs out ${history.burnDown.runsOutOn}`);

    // A threshold above what is available alerts at once; a malformed amount is refused in place.
    await page.fill(`${card} input[name="amount"]`, '1,999,000');
    await page.click(`${card} .alert-form button`);
    await page.waitForSelector(`${card} .alert-state[data-threshold="199900000"]`);
    expect(await page.textContent(`${card} .alert-state`)).toContain('已提醒 Alerted');
    expect(await get(`/v1/programs/${programId}/alert`)).toEqual({ availableBelow: { amount: 199_900_000, currency: 'CNY' }, alertedAt: expect.any(String) });
    await page.fill(`${card} input[name="amount"]`, '12.345');
    await page.click(`${card} .alert-form button`);
    expect(await page.textContent(`${card} .problem`)).toContain('Enter an amount');
    await accessible('budgets');
    await screenshot(page, 'officer-budgets');

    // ---- an admin gets the same views for the district picked
    await page.click('#logout');
    await page.waitForSelector('body[data-ready="login"]');
    await page.selectOption('#login-role', 'admin');
    await page.fill('#login-org', 'platform');
    await page.click('#login-form button[type="submit"]');
    await page.waitForSelector('body[data-ready="true"]');
    await page.selectOption('#district-select', 'baoshan');
    await go('vouchers');
    expect(await page.getAttribute(`${row} [data-col="status"]`, 'data-value')).toBe('revoked');
    // Chromium logs each 4xx it fetched (the refused voucher, asserted above); nothing else went wrong.
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
