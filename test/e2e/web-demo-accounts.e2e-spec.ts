import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { migrateDatabase } from '../../src/db/migrate.js';
import { seedDemo } from '../../src/demo/seed.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot } from '../support/browser.js';
import { ensureWebBuilt } from '../support/built-dist.js';
import { freePort } from '../support/free-port.js';
import { startApi, startWorker, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`web-demo-accounts.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(180_000);

const adminUrl = process.env.SEAWARD_TEST_ADMIN_URL ?? process.env.DATABASE_URL!;
const databaseName = `${process.env.SEAWARD_TEST_DATABASE ?? 'seaward_test'}_demo_accounts`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${databaseName}` }).toString();
const env = { DATABASE_URL: databaseUrl, REDIS_PREFIX: `${process.env.REDIS_PREFIX}_demo_accounts`, LOG_LEVEL: 'silent' };

/**
 * What a newcomer sees after `./scripts/start`: the sign-in page's demo buttons, one click each,
 * open the enterprise and the provider on their work in progress (src/demo/showcase.ts), told in
 * words, each item a link to its page. The demo database is this file's own.
 */
describeInBrowser('the demo accounts, one click from the sign-in page, in Chromium', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureWebBuilt();
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
    await admin.unsafe(`create database "${databaseName}"`).finally(() => admin.end());
    await migrateDatabase(databaseUrl);
    await seedDemo(databaseUrl, { env });
    // The notifications link absolutely (emails carry the same links): the app's own address.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = await startApi({ ...env, PUBLIC_BASE_URL: base }, { port });
    worker = await startWorker({ ...env, PUBLIC_BASE_URL: base });
    browser = await launchChromium();
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    if (process.env.SEAWARD_KEEP_TEST_DB !== 'true') await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
    await admin.end();
  });

  async function enterAs(button: string, width?: number): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(browser, width ? { width, height: 844 } : {});
    await opened.page.goto(`${base}/sign-in`);
    const demo = opened.page.getByRole('button', { name: button });
    await demo.waitFor();
    // Signed out, the app's first GET /v1/me is a 401 the browser logs: not an error of the page.
    opened.errors.length = 0;
    await demo.click();
    return opened;
  }
  async function accessible(page: Page, view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }

  it('opens the enterprise on bids to compare, a milestone to approve and the Saudi risk alert', async () => {
    const { page, errors } = await enterAs('演示企业：徐汇星途动力电池');
    await page.getByRole('heading', { name: '企业工作台', level: 1 }).waitFor();

    await page.getByRole('link', { name: '3 份投标待比较' }).waitFor();
    await page.getByRole('link', { name: '1 个里程碑待验收' }).waitFor();
    await page.getByRole('link', { name: '您业务所在国家发布了风险提示' }).waitFor();
    await accessible(page, 'demo enterprise home');
    await screenshot(page, 'demo-enterprise-home');

    await page.getByRole('link', { name: '您业务所在国家发布了风险提示' }).click();
    await page.waitForURL(`${base}/countries/SA`);
    await page.getByText('沙特阿拉伯：夏季高温施工与劳工合规提示').first().waitFor();

    await page.goto(`${base}/organisation/colleagues`);
    await page.getByText('王磊（演示）').waitFor();

    // The directory says when more providers match than it shows, and shows them on request.
    await page.goto(`${base}/enterprise/directory`);
    await page.getByRole('heading', { name: '已显示 20 家服务商，还有更多' }).waitFor();
    const cards = page.getByRole('main').getByRole('listitem');
    expect(await cards.count()).toBe(20);
    const first = await cards.getByRole('heading', { level: 3 }).allTextContents();
    await page.getByRole('button', { name: '显示更多服务商' }).click();
    await page.getByRole('heading', { name: /^(已显示 40 家服务商，还有更多|找到 \d+ 家服务商)$/ }).waitFor();
    const names = await cards.getByRole('heading', { level: 3 }).allTextContents();
    expect(names.length).toBeGreaterThan(20);
    expect(names.slice(0, 20)).toEqual(first);
    expect(new Set(names).size).toBe(names.length);
    await accessible(page, 'demo enterprise directory, second page');
    expect(errors).toEqual([]);
  });

  it('opens the provider, on a phone, on the invitation it has not answered and the engagement under way', async () => {
    const { page, errors } = await enterAs('演示服务商：徐汇联盟成员', 390);
    await page.getByRole('heading', { name: '邀请与投标', level: 1 }).waitFor();
    await page.getByRole('heading', { name: '我的合作' }).waitFor();
    const invitation = page.getByRole('listitem').filter({ hasText: '沙特工厂本地招聘与工作签证' });
    await invitation.getByRole('link', { name: '查看并投标' }).waitFor();
    expect(await page.getByRole('link', { name: '沙特子公司名义雇主与薪酬 Employer of record and payroll in Saudi Arabia' }).count()).toBe(2);
    await accessible(page, 'demo provider home');
    const width = await page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'demo-provider-home');

    await invitation.getByRole('link', { name: '查看并投标' }).click();
    await page.getByRole('heading', { name: '沙特工厂本地招聘与工作签证 Recruitment and work visas for our Saudi plant' }).waitFor();
    expect(errors).toEqual([]);
  });
});
