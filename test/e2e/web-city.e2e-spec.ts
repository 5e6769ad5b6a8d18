import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { ApplicationsService } from '../../src/modules/city/applications.service.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { createProgram, ledgerOf, rmb } from '../factories/vouchers.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot, signIn } from '../support/browser.js';
import { ensureWebBuilt } from '../support/built-dist.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`web-city.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(180_000);

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** This month in Shanghai time, as the report counts months. */
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/**
 * Issue 28 in the browser: an SME of Xuancheng (a G60 city no other test uses; the application
 * names Oman) applies for a voucher through the page, a larger firm is refused with the rule, the
 * district approves through its page, the voucher is on the enterprise's home; the Xuancheng
 * coordinator reads the month's report (its desk question counted) with its chart and table; the officer's programmes page
 * charts the budget; the manager's matches page charts match quality.
 */
describeInBrowser('vouchers across the city in the web app, in Chromium', () => {
  let api: Api;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let base: string;
  const database = openDatabase();
  const stamp = Date.now().toString(36);
  const names = { sme: `宣城出海科技有限公司 Xuancheng Outbound ${stamp}`, large: `宣城重工集团 Xuancheng Heavy ${stamp}`, late: `宣城迟到贸易 Late ${stamp}` };
  let program: Awaited<ReturnType<typeof createProgram>>;
  let sme: Awaited<ReturnType<typeof createEnterprise>>;
  let large: Awaited<ReturnType<typeof createEnterprise>>;
  let late: Awaited<ReturnType<typeof createEnterprise>>;
  let lateApplication: string;

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startApi();
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    program = await createProgram(api, {
      district: 'xuancheng',
      name: `宣城市中小企业出海服务券 Xuancheng SME voucher ${stamp}`,
      eligibility: { smeOnly: true },
      budget: rmb(2_000_000),
    });
    sme = await createEnterprise(api, { district: 'xuancheng', sme: true, name: names.sme });
    large = await createEnterprise(api, { district: 'xuancheng', sme: false, name: names.large });
    late = await createEnterprise(api, { district: 'xuancheng', sme: true, name: names.late });
    // An application received 30 days ago and never answered: the SLA job (the worker's, run here at once) flags it.
    const { body } = await api.http
      .post(`/v1/programs/${program.id}/applications`)
      .set(bearer(late.token))
      .send({ need: '阿曼分销协议审查', country: 'OM', service: 'contracts', estimatedPrice: rmb(80_000) })
      .expect(201);
    lateApplication = body.id as string;
    await database.db.execute(sql`update voucher_applications set created_at = now() - interval '30 days' where id = ${lateApplication}`);
    await api.app.get(ApplicationsService).flagOverdue(new Date());
    // A question to Xuancheng's request desk this month: the report's desk columns count it.
    await api.http.post('/v1/desk/questions').set(bearer(sme.token)).send({ topic: 'odi_filing', text: '阿曼子公司的 ODI 备案？' }).expect(201);
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await database.close();
  });

  const get = async (path: string, token: string) => (await api.http.get(path).set(bearer(token)).expect(200)).body;
  async function accessible(view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }
  async function fillApplication() {
    await page.getByRole('heading', { name: '提交申请' }).waitFor();
    // A label's name includes the value of the control inside it: match its start.
    await page.getByLabel(/^补贴项目/).selectOption(program.id);
    await page.getByLabel(/^需求说明/).fill('阿曼子公司设立前的 ODI 备案 ODI filing for an Oman subsidiary');
    await page.getByLabel(/^目标国家/).selectOption('OM');
    await page.getByLabel(/^服务/).selectOption('odi_filing');
    await page.getByLabel('预计费用（元）').fill('150,000');
    await page.getByRole('button', { name: '提交申请' }).click();
  }

  it('an SME applies through the page, a large firm is refused with the rule, the officer approves, the voucher is on the home page', async () => {
    // ---- a non-SME: refused by the SME-only programme, the rule shown
    await signIn(page, base, 'enterprise', large.id, '/enterprise/applications');
    await page.getByRole('heading', { name: '申请补贴券', level: 1 }).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: program.view.name }).textContent()).toContain('仅限中小企业');
    await fillApplication();
    const refusal = page.getByRole('alert').filter({ hasText: '不符合该项目的申请条件' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('smeOnly');
    expect((await get('/v1/applications', large.token)).data).toEqual([]);
    await accessible('enterprise applications, refused');

    // ---- the SME applies
    await signIn(page, base, 'enterprise', sme.id, '/enterprise/applications');
    await fillApplication();
    await page.getByRole('status').filter({ hasText: '申请已提交' }).waitFor();
    const [applied] = (await get('/v1/applications', sme.token)).data;
    expect(applied).toMatchObject({
      programId: program.id,
      status: 'pending',
      country: 'OM',
      service: 'odi_filing',
      estimatedPrice: rmb(150_000),
      voucherId: null,
    });
    const mine = page.getByRole('table', { name: /我的申请/ });
    expect(await mine.getByRole('row').nth(1).getByRole('cell').last().textContent()).toContain('待审核');
    await accessible('enterprise applications, applied');
    await screenshot(page, 'enterprise-applications');

    // ---- the district officer: the overdue one flagged first, approves the SME's
    // With the enterprises' names slow to come, the rows wait for them: none shows an id.
    const slowNames = /\/v1\/enterprises\/[0-9a-f-]{36}$/;
    await page.route(slowNames, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await signIn(page, base, 'district_officer', 'xuancheng', '/officer/applications');
    await page.getByRole('heading', { name: '企业申请', level: 1 }).waitFor();
    const lateRow = page.getByRole('row').filter({ hasText: names.late });
    await page.getByRole('row').nth(1).waitFor();
    expect((await page.getByRole('row').allTextContents()).filter((text) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/.test(text))).toEqual([]);
    await page.unroute(slowNames);
    await lateRow.waitFor();
    expect((await get(`/v1/applications/${lateApplication}`, program.officer)).slaFlaggedAt).toEqual(expect.any(String));
    expect(await lateRow.textContent()).toContain('逾期');
    expect(await page.getByRole('status').filter({ hasText: '已超过答复时限' }).textContent()).toContain('1 份申请');
    expect(await page.getByRole('row').nth(1).textContent()).toContain(names.late);
    await accessible('officer applications');
    await screenshot(page, 'officer-applications');
    await page.getByLabel(`${names.sme} 的券面额（元）`).fill('45,000');
    await page.getByRole('button', { name: `批准 ${names.sme} 的申请` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已批准 ${names.sme} 的申请` })
      .waitFor();
    const approved = await get(`/v1/applications/${applied.id}`, program.officer);
    expect(approved).toMatchObject({ status: 'approved', voucherId: expect.any(String) });
    const voucher = await get(`/v1/vouchers/${approved.voucherId}`, sme.token);
    expect(voucher).toMatchObject({ programId: program.id, enterpriseId: sme.id, faceValue: rmb(45_000), status: 'active' });
    expect(await ledgerOf(api, program)).toMatchObject({ reserved: rmb(45_000), available: rmb(1_955_000) });
    await expectGone(page.getByRole('row').filter({ hasText: names.sme }));

    // ---- the enterprise: the voucher on its home, its application approved
    await signIn(page, base, 'enterprise', sme.id);
    await page.getByRole('heading', { name: '企业工作台' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: yuan(voucher.faceValue.amount) });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([yuan(voucher.faceValue.amount), yuan(voucher.remaining.amount), expect.any(String)]);
    await page.getByRole('link', { name: '申请补贴券' }).click();
    await page
      .getByRole('table', { name: /我的申请/ })
      .getByRole('row')
      .nth(1)
      .filter({ hasText: '已批准' })
      .waitFor();
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });

  it('the coordinator reads the month per district, equal to the API, with a chart and its table, and the downloads', async () => {
    const coordinator = await api.token('city_coordinator', 'xuancheng');
    const month = thisMonth();
    await signIn(page, base, 'city_coordinator', 'xuancheng');
    expect(new URL(page.url()).pathname).toBe('/city/reports');
    await page.getByRole('heading', { name: '全市月度报告' }).waitFor();
    expect(await page.getByLabel('月份').inputValue()).toBe(month);
    const table = page.getByRole('table', { name: `${month} 各区数据` });
    await table.waitFor();
    const report = await get(`/v1/reports?city=xuancheng&from=${month}&to=${month}`, coordinator);
    expect(report.months).toHaveLength(1);
    const f = report.months[0].figures;
    // This month: the SME's application (approved) and its voucher; the late one was received last month.
    expect(f.applications).toMatchObject({ received: 1, approved: 1, pending: 0 });
    expect(f.vouchers).toMatchObject({ issued: 1, issuedAmount: { CNY: rmb(45_000).amount } });
    const cells = await table.locator('tr[data-district="xuancheng"]').locator('th, td').allTextContents();
    expect(cells.map((c) => c.trim())).toEqual([
      '宣城市',
      String(f.enterprisesServed),
      String(f.requests),
      String(f.awards),
      f.medianDaysPublishToAward === null ? '–' : f.medianDaysPublishToAward.toFixed(1),
      String(f.vouchers.issued),
      yuan(f.vouchers.issuedAmount.CNY),
      yuan(f.vouchers.committed.CNY ?? 0),
      yuan(f.vouchers.paid.CNY ?? 0),
      String(f.applications.received),
      `${f.applications.approved} / ${f.applications.rejected} / ${f.applications.pending}`,
      String(f.applications.flaggedOverSla),
      f.applications.medianHoursToAnswer === null ? '–' : f.applications.medianHoursToAnswer.toFixed(1),
      `${f.allianceMembers.active} / ${f.allianceMembers.vetted}`,
      `${f.ratings.count} · ${f.ratings.mean === null ? '–' : f.ratings.mean.toFixed(2)}`,
      String(f.desk.received),
      String(f.desk.pastDue),
      String(f.desk.outcomes.odi_approved),
    ]);
    expect(f.desk).toMatchObject({ received: 1, pastDue: 0, outcomes: { odi_approved: 0 } });
    for (const name of ['诉求窗口问题数', '诉求逾期数', '诉求窗口 ODI 获批数']) await table.getByRole('columnheader', { name }).waitFor();
    // The chart: one image with a summary of the same figures, drawn on a canvas.
    const chart = page.getByRole('img', { name: new RegExp(`${month} 各区的需求、授标、发券与申请数量`) });
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(`宣城市：发布需求 ${f.requests}，授标 ${f.awards}，发券数 1，收到申请 1`);
    // Last month, where the late application was received (closed or not, the page shows what the API answers).
    const last = new Date(`${month}-15T00:00:00Z`);
    last.setUTCMonth(last.getUTCMonth() - 1);
    const lastMonth = last.toISOString().slice(0, 7);
    await page.getByLabel('月份').fill(lastMonth);
    await page.getByRole('table', { name: `${lastMonth} 各区数据` }).waitFor();
    const before = (await get(`/v1/reports?city=xuancheng&from=${lastMonth}&to=${lastMonth}`, coordinator)).months[0].figures;
    const lastCells = await page.locator('tr[data-district="xuancheng"]').locator('td').allTextContents();
    expect([lastCells[8], lastCells[10]].map((c) => c!.trim())).toEqual([String(before.applications.received), String(before.applications.flaggedOverSla)]);
    // Downloads: links to the API's CSV and XLSX of the same month.
    const csv = await page.getByRole('link', { name: '下载 CSV' }).getAttribute('href');
    expect(csv).toBe(`/v1/reports?city=xuancheng&from=${lastMonth}&to=${lastMonth}&format=csv`);
    const xlsx = await page.getByRole('link', { name: '下载 Excel（XLSX）' }).getAttribute('href');
    expect(xlsx).toBe(`/v1/reports?city=xuancheng&from=${lastMonth}&to=${lastMonth}&format=xlsx`);
    const file = await api.http.get(csv!).set(bearer(coordinator)).expect(200);
    expect(file.headers['content-type']).toContain('text/csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 CSV' }).click()]);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(file.text);
    await accessible('city report');
    await screenshot(page, 'city-report');

    // ---- the programmes of the city's districts side by side, as the API has them
    await page.getByRole('link', { name: '各区项目对照' }).click();
    const side = page.getByRole('table', { name: /各区补贴项目/ });
    const programRow = side.getByRole('row').filter({ hasText: program.view.name });
    await programRow.waitFor();
    const listed = (await get('/v1/reports/programs?city=xuancheng', coordinator)).programs.find((p: { id: string }) => p.id === program.id);
    expect(await programRow.getByRole('cell').allTextContents()).toEqual([
      '宣城市',
      '30%',
      `${yuan(listed.perVoucherCap.amount)} / ${yuan(listed.perEnterpriseCap.amount)}`,
      '法律服务、会计与税务、咨询服务',
      '本区注册企业；仅限中小企业',
      `${yuan(listed.budget.amount)} / ${yuan(listed.ledger.available.amount)}`,
    ]);
    await accessible('city programmes');
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });

  it("the officer's programmes page charts each budget with a table of the same figures, and the burn-down", async () => {
    await signIn(page, base, 'district_officer', 'xuancheng', '/officer/programmes');
    const ledger = await ledgerOf(api, program);
    const table = page.getByRole('table', { name: '各项目预算使用情况（与图表数据相同）' });
    const row = table.getByRole('row').filter({ hasText: program.view.name });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(
      [ledger.budget, ledger.reserved, ledger.committed, ledger.approved, ledger.paid, ledger.available].map((m) => yuan(m.amount)),
    );
    const chart = page.getByRole('img', { name: /柱状图：1 个项目的预算/ });
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(`${program.view.name} 预算 ${yuan(ledger.budget.amount)}`);
    const history = await get(`/v1/programs/${program.id}/ledger/history`, program.officer);
    const burn = page.getByRole('table', { name: `${program.view.name} 的每日余额（与图表数据相同）` });
    await burn.waitFor();
    const lastPoint = history.points.at(-1);
    expect(await burn.getByRole('row').last().getByRole('cell').first().textContent()).toBe(yuan(lastPoint.available));
    await page
      .getByRole('img', { name: /折线图/ })
      .locator('canvas')
      .waitFor();
    await accessible('officer programmes with charts');
    await screenshot(page, 'officer-programmes-charts');
  });

  it("the manager's matches page charts match quality by month, with its table", async () => {
    const alliance = await createAlliance(api, `宣城出海服务联盟 Xuancheng alliance ${stamp}`, ['xuancheng']);
    await signIn(page, base, 'alliance_manager', alliance.id, '/manager/matches');
    const table = page.getByRole('table', { name: '每月匹配质量（与图表数据相同）' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(7);
    // A new alliance: no award ranked in any month, as the API says.
    expect((await get(`/v1/alliances/${alliance.id}/quality`, alliance.manager)).awardRank.awarded).toBe(0);
    expect(await table.getByRole('row').last().getByRole('cell').allTextContents()).toEqual(['0', '0', '–', '–', '–']);
    await page
      .getByRole('img', { name: /近 6 个月的匹配质量/ })
      .locator('canvas')
      .waitFor();
    await accessible('manager matches with quality chart');
  });
});

async function expectGone(locator: ReturnType<Page['getByRole']>) {
  await locator.getByRole('button').first().waitFor({ state: 'detached' });
}
