import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { DeskService } from '../../src/modules/desk/desk.service.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { award, bidFrom, cny, createProgram } from '../factories/vouchers.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot, signIn } from '../support/browser.js';
import { ensureWebBuilt } from '../support/built-dist.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`web-information.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(240_000);

/** A due instant as the desk pages print it: China Standard Time, zh-CN short date and time. */
const shown = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));

// Markdown a hostile publisher might write: none of it may run or become a link (README, issue 29).
const HOSTILE = [
  '## 阿塞拜疆投资指南',
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'onerror\'">',
  '[点击领取补贴](javascript:window.__pwned=%22link%22) 与 [巴库港](JaVaScRiPt:window.__pwned=1)',
  '[投资促进署](https://azpromo.az)',
].join('\n\n');

/**
 * Jiaxing's officer publishes a guide and a level-3 alert for Azerbaijan through the pages; a
 * Jiaxing enterprise with an open request and an engagement there sees the alert beside its
 * matches, on its engagement and on the country page, where the hostile Markdown stays inert;
 * then it asks the desk, and the officer takes, answers and closes the question. Jiaxing and
 * Azerbaijan are this file's alone.
 */
describeInBrowser('information services in the web app, in Chromium', () => {
  let api: Api;
  let browser: Browser;
  let officerPage: Page;
  let enterprisePage: Page;
  const pageErrors: string[][] = [];
  let base: string;
  let enterprise: Awaited<ReturnType<typeof createEnterprise>>;
  let officer: string;
  let openRequestId: string;
  let engagementId: string;
  let programme: Awaited<ReturnType<typeof createProgram>>;
  const database = openDatabase();
  const stamp = Date.now().toString(36);
  const referralName = `嘉兴境外投资备案事务所 Jiaxing ODI Filing ${stamp}`;
  const allianceName = `嘉兴出海服务联盟 Jiaxing alliance ${stamp}`;
  let alliance: { id: string; manager: string };

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startApi();
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    officer = await api.token('district_officer', 'jiaxing');
    enterprise = await createEnterprise(api, { district: 'jiaxing', name: `嘉兴新材料有限公司 Jiaxing New Materials ${stamp}` });
    alliance = await createAlliance(api, allianceName, ['jiaxing']);
    // An engagement under way in Azerbaijan, and a second request there still open.
    const round = await bidFrom(api, alliance, enterprise, { country: 'AZ', district: 'jiaxing', price: 5_000_000 });
    const awarded = await award(api, enterprise, round);
    expect(awarded.status).toBe(201);
    engagementId = awarded.body.id;
    openRequestId = await createRequest(api, enterprise.token, {
      title: `阿塞拜疆子公司设立 Entity set-up in Azerbaijan ${stamp}`,
      category: 'legal',
      services: ['odi_filing', 'entity_setup'],
      countries: ['AZ'],
      budget: { min: cny(1), max: cny(10_000_000) },
    });
    await publish(api, enterprise.token, openRequestId);
    const referral = await createProvider(api, { name: referralName, district: 'jiaxing', countries: ['AZ'], overseasOffices: ['AZ'] });
    await vet(api, alliance, referral);
    programme = await createProgram(api, { district: 'jiaxing', name: `嘉兴市企业出海服务补贴 Jiaxing outbound subsidy ${stamp}` });

    browser = await launchChromium();
    for (const assign of [(p: Page) => (officerPage = p), (p: Page) => (enterprisePage = p)]) {
      const { page, errors } = await openPage(browser);
      assign(page);
      pageErrors.push(errors);
    }
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await database.close();
  });

  const get = async (path: string, token = enterprise.token) => (await api.http.get(path).set(bearer(token)).expect(200)).body;
  // A 401 from GET /v1/me before sign-in is logged by the browser as a failed resource; nothing else may be.
  const expectNoPageErrors = () => {
    for (const errors of pageErrors) expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e))).toEqual([]);
  };
  const cellsOf = async (text: string) =>
    (await enterprisePage.getByRole('table', { name: '我的问题' }).getByRole('row').filter({ hasText: text }).getByRole('cell').allTextContents()).map((c) =>
      c.trim(),
    );
  async function accessible(page: Page, view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }

  it('publishes a guide and a level-3 alert through the pages; the enterprise sees the alert beside its matches, on its engagement and on the country page, inert', async () => {
    // ---- the officer publishes the guide
    await signIn(officerPage, base, 'district_officer', 'jiaxing', '/information/publish');
    await officerPage.getByRole('heading', { name: '发布国别指南与风险提示', level: 1 }).waitFor();
    await accessible(officerPage, 'publish');
    const briefForm = officerPage.getByRole('form', { name: '发布国别指南' });
    await briefForm.getByLabel('国家').selectOption('AZ');
    await briefForm.getByLabel('中文标题').fill('阿塞拜疆投资指南（嘉兴版）');
    await briefForm.getByLabel('英文标题').fill('Azerbaijan investment guide (Jiaxing)');
    await briefForm.getByLabel('中文正文（Markdown）').fill(HOSTILE);
    await briefForm.getByLabel('英文正文（Markdown）').fill('## Market entry\n\n[Click](javascript:window.__pwned=2)');
    await briefForm.getByRole('button', { name: '发布指南' }).click();
    await briefForm.getByRole('status').filter({ hasText: '已发布 阿塞拜疆 第 1 版指南' }).waitFor();
    const briefs = (await api.http.get('/v1/countries/AZ/briefs').expect(200)).body.data;
    expect(briefs).toHaveLength(1);
    expect(briefs[0]).toMatchObject({
      version: 1,
      titleZh: '阿塞拜疆投资指南（嘉兴版）',
      bodyZh: HOSTILE,
      publisher: { role: 'district_officer', org: 'jiaxing' },
    });

    // ---- and a level-3 alert for Azerbaijan
    const alertForm = officerPage.getByRole('form', { name: '发布风险提示' });
    await alertForm.getByLabel('涉及国家（可多选）').selectOption(['AZ']);
    await alertForm.getByLabel('风险等级（1–4）').selectOption('3');
    await alertForm.getByLabel('中文标题').fill('阿塞拜疆：边境地区安全风险提示');
    await alertForm.getByLabel('英文标题').fill('Azerbaijan: security risk near the border');
    await alertForm.getByLabel('中文正文（Markdown）').fill('请避免前往边境地区。[详情](javascript:window.__pwned=3)');
    await alertForm.getByLabel('英文正文（Markdown）').fill('Avoid the border regions.');
    await alertForm.getByRole('button', { name: '发布风险提示' }).click();
    await alertForm.getByRole('status').filter({ hasText: '风险提示已发布，已通知 1 家企业。' }).waitFor();
    const [alert, ...others] = (await api.http.get('/v1/risk-alerts').query({ country: 'AZ' }).expect(200)).body.data;
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ level: 3, countries: ['AZ'], titleZh: '阿塞拜疆：边境地区安全风险提示', publisher: 'jiaxing', categories: [], sectors: [] });
    expect(new Date(alert.validTo).getTime()).toBeGreaterThan(Date.now() + 80 * 86_400_000);

    // ---- the enterprise's open request: the alert beside its matches, as the API gives it
    await signIn(enterprisePage, base, 'enterprise', enterprise.id, `/enterprise/requests/${openRequestId}`);
    const matches = await get(`/v1/requests/${openRequestId}/matches?limit=20`);
    expect(matches.riskAlerts.map((a: { id: string }) => a.id)).toEqual([alert.id]);
    const requestAlerts = enterprisePage.getByRole('list', { name: '目标国家的风险提示' });
    await requestAlerts.getByRole('listitem').filter({ hasText: '阿塞拜疆：边境地区安全风险提示' }).waitFor();
    expect(await requestAlerts.getByRole('listitem').first().textContent()).toContain('风险等级：三级·高风险');
    await accessible(enterprisePage, 'request with an alert');
    await screenshot(enterprisePage, 'information-request-alert');

    // ---- its engagement there shows it too
    await enterprisePage.goto(`${base}/engagements/${engagementId}`);
    const engagementAlerts = enterprisePage.getByRole('list', { name: '目的国风险提示' });
    await engagementAlerts.getByRole('listitem').filter({ hasText: '阿塞拜疆：边境地区安全风险提示' }).waitFor();
    expect((await get(`/v1/engagements/${engagementId}`)).status).toBe('awaiting_payment');
    await accessible(enterprisePage, 'engagement with an alert');

    // ---- the country page, from the request page's link: alert with its level, the guide, inert
    await enterprisePage.goto(`${base}/enterprise/requests/${openRequestId}`);
    await enterprisePage.getByRole('link', { name: '阿塞拜疆国别指南与风险提示' }).click();
    await enterprisePage.getByRole('heading', { name: '阿塞拜疆：国别指南与风险提示', level: 1 }).waitFor();
    const countryAlerts = enterprisePage.getByRole('list', { name: '当前风险提示' });
    expect(await countryAlerts.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('风险等级：三级·高风险')]);
    const guide = enterprisePage.getByRole('article', { name: '最新指南' });
    await guide.getByRole('heading', { name: '阿塞拜疆投资指南', level: 2 }).waitFor();
    expect(await guide.getByText('第 1 版').textContent()).toMatch(/^第 1 版 · \d{4}-\d{2}-\d{2} 起适用 · 发布方 嘉兴市$/);
    // The would-be links are text: clicking one goes nowhere and runs nothing.
    await guide.getByText('点击领取补贴').click();
    await countryAlerts.getByText('详情').click();
    expect(await enterprisePage.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await enterprisePage.locator('main script, main img, main [onerror]').count()).toBe(0);
    expect(await enterprisePage.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await guide.locator('.markdown a').first().getAttribute('href')).toBe('https://azpromo.az');
    await expect(guide.getByText('<script>window.__pwned = "script"</script>').isVisible()).resolves.toBe(true);
    // The other language beside it, one click away.
    await guide.getByText('English version').click();
    await guide.getByRole('heading', { name: 'Market entry' }).waitFor();
    expect(await guide.getByRole('heading', { name: 'Azerbaijan investment guide (Jiaxing)' }).getAttribute('lang')).toBe('en');
    expect(enterprisePage.url()).toBe(`${base}/countries/AZ`);
    await accessible(enterprisePage, 'country page');
    await screenshot(enterprisePage, 'information-country');

    // ---- a second version: the latest first, the first one kept below
    await officerPage.getByRole('form', { name: '发布国别指南' }).getByLabel('中文标题').fill('阿塞拜疆投资指南（第二版）');
    await officerPage.getByRole('form', { name: '发布国别指南' }).getByRole('button', { name: '发布指南' }).click();
    await officerPage.getByRole('status').filter({ hasText: '第 2 版指南' }).waitFor();
    expect((await api.http.get('/v1/countries/AZ/briefs').expect(200)).body.data.map((b: { version: number }) => b.version)).toEqual([2, 1]);
    await enterprisePage.reload();
    await enterprisePage.getByRole('article', { name: '最新指南' }).getByRole('heading', { name: '阿塞拜疆投资指南（第二版）' }).waitFor();
    expect(await enterprisePage.getByRole('list', { name: '历史版本' }).getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('阿塞拜疆投资指南（嘉兴版）'),
    ]);
    expectNoPageErrors();
  });

  it('lets the enterprise ask its district, and the officer take, answer and close the question through the pages; one past due is flagged', async () => {
    // ---- the enterprise asks
    await enterprisePage.getByRole('link', { name: '诉求专窗' }).click();
    await enterprisePage.getByRole('heading', { name: '向所在区提出诉求', level: 1 }).waitFor();
    await accessible(enterprisePage, 'enterprise desk');
    const text = `在阿塞拜疆设立子公司，境外投资备案需要哪些材料？${stamp}`;
    await enterprisePage.getByLabel('问题类别').selectOption('odi_filing');
    await enterprisePage.getByLabel('问题内容').fill(text);
    await enterprisePage.getByRole('button', { name: '提交问题' }).click();
    await enterprisePage.getByRole('status').filter({ hasText: '已提交，答复期限' }).waitFor();
    const [question] = (await get('/v1/desk/questions?limit=5')).data;
    expect(question).toMatchObject({ topic: 'odi_filing', text, status: 'open', district: 'jiaxing', overdue: false });
    expect((await enterprisePage.getByRole('status').textContent())?.trim()).toBe(`已提交，答复期限 ${shown(question.dueAt)}。`);
    const mine = enterprisePage.getByRole('table', { name: '我的问题' });
    expect(await cellsOf(text)).toEqual([text, shown(question.askedAt), shown(question.dueAt), '待接办', '–']);

    // A second question, left past due: the sweep flags it (its due date moved a second into the past).
    await enterprisePage.getByLabel('问题类别').selectOption('tax');
    await enterprisePage.getByLabel('问题内容').fill(`境外所得税抵免如何申报？${stamp}`);
    await enterprisePage.getByRole('button', { name: '提交问题' }).click();
    await mine
      .getByRole('row')
      .filter({ hasText: `境外所得税抵免如何申报？${stamp}` })
      .waitFor();
    const late = (await get('/v1/desk/questions?limit=5')).data.find((q: { topic: string }) => q.topic === 'tax');
    await database.db.execute(sql`update desk_questions set due_at = now() - interval '1 second' where id = ${late.id}`);
    await api.app.get(DeskService).flagOverdue();
    expect((await get(`/v1/desk/questions/${late.id}`, officer)).overdue).toBe(true);

    // ---- the officer's desk: both, with due dates; the late one flagged
    await officerPage.getByRole('link', { name: '诉求专窗' }).click();
    await officerPage.getByRole('heading', { name: '企业诉求专窗', level: 1 }).waitFor();
    const card = officerPage.getByRole('article').filter({ hasText: text });
    const lateCard = officerPage.getByRole('article').filter({ hasText: late.text });
    await card.waitFor();
    expect(await card.textContent()).toContain(shown(question.dueAt));
    expect(await card.getByText('已超期').count()).toBe(0);
    expect(await lateCard.getByText('已超期').count()).toBe(1);
    await accessible(officerPage, 'officer desk');

    await card.getByRole('button', { name: '接办' }).click();
    await card.getByLabel('答复内容').waitFor();
    expect(await get(`/v1/desk/questions/${question.id}`, officer)).toMatchObject({ status: 'taken', takenBy: expect.any(String) });

    const answer = '需提交境外投资备案表、投资主体营业执照和境外企业章程，可通过上海市商务委线上办理。';
    await card.getByLabel('答复内容').fill(answer);
    await card.getByLabel('推荐服务商（可多选）').selectOption({ label: referralName });
    await card.getByLabel('推荐补贴项目（可多选）').selectOption({ label: programme.view.name });
    await card.getByRole('button', { name: '提交答复' }).click();
    await card.locator('.state').filter({ hasText: '已答复' }).waitFor();
    const answered = await get(`/v1/desk/questions/${question.id}`);
    expect(answered).toMatchObject({ status: 'answered', answer, programIds: [programme.id], outcome: null });
    expect(answered.providerIds).toHaveLength(1);
    expect(await card.textContent()).toContain(referralName);
    await accessible(officerPage, 'officer desk, answered');

    await card.getByLabel('办结结果').selectOption('odi_filed');
    await card.getByRole('button', { name: '办结' }).click();
    await card.locator('.state').filter({ hasText: '已办结 · ODI 已备案' }).waitFor();
    expect(await get(`/v1/desk/questions/${question.id}`)).toMatchObject({ status: 'closed', outcome: 'odi_filed', closedAt: expect.any(String) });
    expect(await card.getByRole('button').count()).toBe(0);
    await screenshot(officerPage, 'information-officer-desk');

    // ---- the enterprise reads the answer and the outcome
    await enterprisePage.reload();
    await mine.getByRole('row').filter({ hasText: text }).filter({ hasText: '已办结' }).waitFor();
    expect(await cellsOf(text)).toEqual([text, shown(question.askedAt), shown(question.dueAt), '已办结 · ODI 已备案', answer]);
    expect(await mine.getByRole('row').filter({ hasText: late.text }).textContent()).toContain('已超期');
    await accessible(enterprisePage, 'enterprise desk, answered');
    expectNoPageErrors();
  });

  it("lets the alliance's manager publish a guide but not an alert, and names the alliance as its publisher", async () => {
    const { page: managerPage, errors } = await openPage(browser);
    pageErrors.push(errors);
    await signIn(managerPage, base, 'alliance_manager', alliance.id, '/information/publish');
    await managerPage.getByRole('heading', { name: '发布国别指南与风险提示', level: 1 }).waitFor();
    expect(await managerPage.getByRole('form', { name: '发布风险提示' }).count()).toBe(0);
    await managerPage.getByText('风险提示由区级工作人员发布。').waitFor();
    const briefForm = managerPage.getByRole('form', { name: '发布国别指南' });
    await briefForm.getByLabel('国家').selectOption('AZ');
    await briefForm.getByLabel('中文标题').fill('阿塞拜疆服务商名录（联盟版）');
    await briefForm.getByLabel('英文标题').fill('Azerbaijan providers (alliance edition)');
    await briefForm.getByLabel('中文正文（Markdown）').fill('联盟成员可提供 **ODI 备案** 服务。');
    await briefForm.getByLabel('英文正文（Markdown）').fill('Members offer **ODI filing**.');
    await briefForm.getByRole('button', { name: '发布指南' }).click();
    await briefForm.getByRole('status').filter({ hasText: '第 3 版指南' }).waitFor();
    const [latest] = (await api.http.get('/v1/countries/AZ/briefs').expect(200)).body.data;
    expect(latest).toMatchObject({ version: 3, publisher: { role: 'alliance_manager', org: alliance.id } });
    await briefForm.getByRole('link', { name: '查看国别页面' }).click();
    const guide = managerPage.getByRole('article', { name: '最新指南' });
    await guide.getByRole('heading', { name: '阿塞拜疆服务商名录（联盟版）' }).waitFor();
    expect(await guide.getByText('第 3 版').textContent()).toContain(`发布方 ${allianceName}`);
    await accessible(managerPage, 'country page, for a manager');
    expectNoPageErrors();
  });
});
