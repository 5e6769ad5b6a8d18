import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { bearer } from '../factories/providers.js';
import { browserMissing, launchChromium, openPage } from '../support/browser.js';
import { startApi, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`briefs-browser.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(120_000);

/** A brief's HTML put in a page as the web app does, in Chromium: hostile Markdown stays inert. Iraq is this file's alone. */
describeInBrowser('country brief HTML in Chromium', () => {
  let api: Api;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('shows a script tag as text, runs no handler, and makes no javascript: link', async () => {
    const officer = await api.token('district_officer', 'hefei');
    const hostile = [
      '## 伊拉克投资指南',
      '<script>window.__pwned = "script"</script>',
      '<img src="x" onerror="window.__pwned = \'onerror\'">',
      '[点击领取补贴](javascript:window.__pwned=%22link%22) and [Click](JaVaScRiPt:window.__pwned=1)',
      '[the ministry](https://investpromo.gov.iq)',
    ].join('\n\n');
    await api.http
      .post('/v1/countries/IQ/briefs')
      .set(bearer(officer))
      .send({ titleZh: '伊拉克', titleEn: 'Iraq', bodyZh: hostile, bodyEn: hostile })
      .expect(201);
    const [brief] = (await api.http.get('/v1/countries/IQ/briefs').expect(200)).body.data;

    const { page, errors } = await openPage(browser);
    // setContent runs inline scripts and handlers, unlike innerHTML: the strictest way to insert it.
    await page.setContent(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body><article>${brief.html.zh}</article></body></html>`);
    // The would-be link is text: clicking it goes nowhere and runs nothing.
    await page.getByText('点击领取补贴').click();

    // Evaluated in the page (a string, so this Node-side file needs no DOM types).
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('script, img, [onerror]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['https://investpromo.gov.iq']);
    await expect(page.getByText('<script>window.__pwned = "script"</script>').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: '伊拉克投资指南' }).isVisible()).resolves.toBe(true);
    expect(errors.filter((e) => !e.includes('net::'))).toEqual([]);
  });
});
