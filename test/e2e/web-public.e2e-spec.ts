import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createProgram } from '../factories/vouchers.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot } from '../support/browser.js';
import { ensureWebBuilt } from '../support/built-dist.js';
import { eventually, startApi, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`web-public.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(180_000);

type Named = { id: string; name: string };
const names = (list: Named[]) => list.map((p) => p.name).sort();

/**
 * A visitor who has not signed in reads what Seaward is, the programmes open in each district
 * with their terms, the alliances and their vetted members, narrowing the directory by facets;
 * each step checked against the public API. Hangzhou and Bangladesh are this file's alone.
 */
describeInBrowser('the public pages, without signing in, in Chromium', () => {
  let api: Api;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let base: string;
  let alliance: { id: string; manager: string };
  let programme: Awaited<ReturnType<typeof createProgram>>;
  const stamp = Date.now().toString(36);
  const allianceName = `杭州出海服务联盟 Hangzhou alliance ${stamp}`;
  const members: Record<'gulf' | 'germany' | 'both' | 'pending', Named> = {} as never;

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startApi();
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    alliance = await createAlliance(api, allianceName, ['hangzhou']);
    const profiles = {
      gulf: { name: `杭州海湾律师事务所 Hangzhou Gulf Law ${stamp}`, countries: ['AE'], overseasOffices: ['AE'], languages: ['zh-CN', 'en', 'ar'] },
      germany: { name: `杭州莱茵咨询 Hangzhou Rhine Advisory ${stamp}`, countries: ['DE'], overseasOffices: ['DE'], languages: ['zh-CN', 'de'] },
      both: { name: `杭州欧亚法务 Hangzhou Eurasia Legal ${stamp}`, countries: ['AE', 'DE'], overseasOffices: ['DE'], languages: ['zh-CN', 'en'] },
      pending: { name: `杭州待审律所 Hangzhou Pending Law ${stamp}`, countries: ['AE'], overseasOffices: ['AE'], languages: ['zh-CN', 'ar'] },
    };
    for (const [key, profile] of Object.entries(profiles) as [keyof typeof profiles, (typeof profiles)['gulf']][]) {
      const provider = await createProvider(api, { ...profile, district: 'hangzhou' });
      if (key === 'pending') await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(provider.token)).expect(201);
      else await vet(api, alliance, provider);
      members[key] = { id: provider.id, name: profile.name };
    }
    programme = await createProgram(api, {
      district: 'hangzhou',
      name: `杭州市企业出海专业服务补贴 Hangzhou outbound subsidy ${stamp}`,
      policyRef: `杭商务〔2026〕${stamp} 号`,
      rateBps: 4000,
      eligibility: { smeOnly: true },
    });
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const anonymous = async (path: string) => (await api.http.get(path).expect(200)).body;
  async function accessible(view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }

  it('answers the public routes without a token, with public fields only, and still refuses the signed-in ones', async () => {
    await api.http.get('/v1/programs').expect(401);
    await api.http.get('/v1/providers').expect(401);
    const programmes = (await anonymous('/v1/public/programs?district=hangzhou')).data;
    expect(programmes).toEqual([expect.objectContaining({ id: programme.id, rateBps: 4000, eligibility: { smeOnly: true } })]);
    expect(programmes[0]).not.toHaveProperty('ledger');
    const directory = await anonymous(`/v1/public/providers?alliance=${alliance.id}`);
    expect(names(directory.data)).toEqual(names([members.gulf, members.germany, members.both]));
    for (const member of directory.data) {
      expect(member).not.toHaveProperty('capacity');
      expect(member).not.toHaveProperty('createdAt');
    }
    await api.http.get('/v1/public/providers?vetted=false').expect(400);
    expect((await anonymous(`/v1/alliances/${alliance.id}`)).memberCount).toBe(3);
  });

  it('walks from the home page to the programmes and the alliance members, narrowing by facets, with no serious accessibility problem', async () => {
    // ---- home: what Seaward is
    await page.goto(base);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('企业出海服务平台');
    expect(await page.getByRole('link', { name: '退出登录' }).count()).toBe(0);
    await accessible('home');

    // ---- the programmes of Hangzhou, with their terms
    await page.getByRole('link', { name: '查看各区开放的补贴项目与条款' }).click();
    await page.getByRole('heading', { name: '各区开放的出海服务补贴项目', level: 1 }).waitFor();
    await page.getByLabel('区').selectOption('hangzhou');
    const table = page.getByRole('table', { name: '杭州市' });
    await table.waitFor();
    const [shown] = (await anonymous('/v1/public/programs?district=hangzhou')).data;
    const row = table.getByRole('row').filter({ hasText: shown.name });
    expect(await row.getByRole('rowheader').textContent()).toBe(shown.name);
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      shown.policyRef,
      '40%',
      '¥300,000.00 / ¥300,000.00',
      '法律服务、会计与税务、咨询服务',
      '限本区企业；限中小企业',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}$/),
    ]);
    expect(await page.getByRole('table').count()).toBe(1);
    await accessible('programmes');
    await screenshot(page, 'public-programmes');

    // ---- the alliances and their vetted members
    await page.getByRole('link', { name: '联盟与服务商' }).click();
    await page.getByRole('heading', { name: '服务联盟与已审核服务商', level: 1 }).waitFor();
    const alliances = (await anonymous('/v1/alliances')).data as { id: string; name: string; memberCount: number }[];
    const ours = alliances.find((a) => a.id === alliance.id)!;
    const allianceItem = page.getByRole('list', { name: '服务联盟' }).getByRole('listitem').filter({ hasText: allianceName });
    expect(await allianceItem.textContent()).toContain(`已审核成员 ${ours.memberCount} 家`);
    await accessible('directory');

    const results = page.getByRole('list', { name: '搜索结果' });
    const resultNames = async () => (await results.getByRole('heading', { level: 3 }).allTextContents()).sort();
    await allianceItem.getByRole('button', { name: `查看 ${allianceName} 的成员` }).click();
    // The unfiltered directory shown before the click may already list these newest members: wait
    // for the list to become the alliance's, not for one of its names.
    const membersShown = names([members.gulf, members.germany, members.both]);
    expect(await eventually(resultNames, (shown) => JSON.stringify(shown) === JSON.stringify(membersShown))).toEqual(membersShown);
    expect(await page.getByText(members.pending.name).count()).toBe(0);

    // ---- a facet narrows the members: Arabic, as the API counts it
    const facets = (await anonymous(`/v1/public/providers?alliance=${alliance.id}`)).facets;
    expect(facets.language.ar).toBe(1);
    const languages = page.getByRole('list', { name: '按语言' });
    await languages.getByRole('button', { name: '阿拉伯语（1）' }).click();
    await results.getByRole('heading', { name: members.germany.name }).waitFor({ state: 'detached' });
    expect(await resultNames()).toEqual([members.gulf.name]);
    expect(names((await anonymous(`/v1/public/providers?alliance=${alliance.id}&language=ar`)).data)).toEqual([members.gulf.name]);
    expect(await languages.getByRole('button', { name: '阿拉伯语（1）' }).getAttribute('aria-pressed')).toBe('true');

    // ---- the search form: members serving Germany
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByRole('combobox', { name: '联盟' }).selectOption(alliance.id);
    await page.getByLabel('服务国家').selectOption('DE');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await results.getByRole('heading', { name: members.gulf.name }).waitFor({ state: 'detached' });
    expect(await resultNames()).toEqual(names([members.germany, members.both]));
    expect(names((await anonymous(`/v1/public/providers?alliance=${alliance.id}&country=DE`)).data)).toEqual(names([members.germany, members.both]));
    expect(await results.getByRole('listitem').filter({ hasText: members.germany.name }).textContent()).toContain('工作语言：中文、德语');
    await accessible('directory, narrowed');
    await screenshot(page, 'public-directory');

    // ---- a country page, anonymous: nothing published for Bangladesh yet
    await page.goto(`${base}/countries/BD`);
    await page.getByRole('heading', { name: '孟加拉国：国别指南与风险提示', level: 1 }).waitFor();
    await page.getByText('尚无该国的指南。').waitFor();
    await page.getByText('当前没有风险提示。').waitFor();
    await accessible('country page');

    // ---- and in English
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Bangladesh: country guide and risk alerts', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'District programmes' }).click();
    await page.getByRole('heading', { name: 'Programmes open to the enterprises of each district', level: 1 }).waitFor();
    await accessible('programmes in English');
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e))).toEqual([]);
  });
});
