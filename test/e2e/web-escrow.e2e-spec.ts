import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { createEnterprise } from '../factories/enterprises.js';
import { PDF, PNG } from '../factories/files.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { cny, rmb } from '../factories/vouchers.js';
import { accessibilityProblems, browserMissing, launchChromium, openPage, screenshot, signIn } from '../support/browser.js';
import { ensureWebBuilt } from '../support/built-dist.js';
import { eventually, startApi, type Api } from '../support/harness.js';

const missing = browserMissing();
if (missing) console.warn(`web-escrow.e2e-spec: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

jest.setTimeout(300_000);

const CUSTODIAN = {
  CUSTODIAN_BANK_NAME: '中国银行杭州分行营业部',
  CUSTODIAN_ACCOUNT_NAME: '海程平台资金存管专户（杭州）',
  CUSTODIAN_ACCOUNT_NUMBER: '356600000000000777',
  CUSTODIAN_CNAPS: '104331000017',
};

type Milestone = {
  n: number;
  status: string;
  method: string | null;
  due: { amount: number; currency: string };
  released: { amount: number };
  autoReleaseAt: string | null;
  dispute: { status: string; reason: string; acceptedBy: string[]; proposal: unknown } | null;
};
type MilestoneList = { milestones: Milestone[]; escrow: Record<'held' | 'released' | 'refunded', { amount: number }> };

/**
 * Escrow in the browser, Hangzhou and Uruguay (no other test uses either): a question before the
 * bid; milestone 1 funded by bank transfer into the shown custodian account with the shown
 * reference, confirmed by the platform, delivered from a phone with a note and a file, approved
 * and released; milestone 2 disputed from the page with evidence; a message with a file seen by
 * the other side; the provider's bank account and a fapiao. The API is checked after each step.
 */
describeInBrowser('milestones in escrow and the conversation, in the web app', () => {
  let api: Api;
  let browser: Browser;
  let desk: Page;
  let phone: Page;
  const errors: string[][] = [];
  let base: string;
  let admin: string;
  let enterprise: Awaited<ReturnType<typeof createEnterprise>>;
  let provider: { id: string; token: string };
  let requestId: string;
  let engagementId: string;
  const stamp = Date.now().toString(36);
  const title = `乌拉圭子公司设立 Subsidiary in Uruguay ${stamp}`;

  beforeAll(async () => {
    ensureWebBuilt();
    api = await startApi(CUSTODIAN);
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    admin = await api.token('admin', 'platform');
    const alliance = await createAlliance(api, `杭州出海服务联盟（托管） Hangzhou escrow alliance ${stamp}`, ['hangzhou']);
    provider = await createProvider(api, {
      name: `蒙得维的亚法律服务 Montevideo Legal ${stamp}`,
      district: 'hangzhou',
      countries: ['UY'],
      overseasOffices: ['UY'],
    });
    await vet(api, alliance, provider);
    enterprise = await createEnterprise(api, { district: 'hangzhou', name: `杭州茶业有限公司 Hangzhou Tea ${stamp}` });
    requestId = await createRequest(api, enterprise.token, {
      title,
      category: 'legal',
      services: ['entity_setup'],
      countries: ['UY'],
      budget: { min: cny(1), max: rmb(500_000) },
    });
    await publish(api, enterprise.token, requestId);
    browser = await launchChromium();
    const opened = [await openPage(browser), await openPage(browser, { width: 390, height: 844 })];
    [desk, phone] = opened.map((o) => o.page) as [Page, Page];
    errors.push(...opened.map((o) => o.errors));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const get = async (token: string, path: string) => (await api.http.get(path).set(bearer(token)).expect(200)).body;
  const milestones = (token = enterprise.token): Promise<MilestoneList> => get(token, `/v1/engagements/${engagementId}/milestones`);
  async function accessible(page: Page, view: string) {
    expect({ view, problems: await accessibilityProblems(page) }).toEqual({ view, problems: [] });
  }
  async function fitsThePhone(view: string) {
    const width = await phone.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect({ view, width }).toEqual({ view, width: 390 });
  }
  const milestoneCard = (page: Page, n: number, name: string) => page.getByRole('listitem', { name: `第 ${n} 期：${name}` });

  it('a question from the invited provider, answered as an addendum on the request page', async () => {
    await signIn(phone, base, 'provider', provider.id, `/provider/requests/${requestId}/bid`);
    await phone.getByRole('heading', { name: title }).waitFor();
    await phone.getByLabel('向企业提问').fill('是否需要当地公证？ Is a local notary needed?');
    await phone.getByRole('button', { name: '提交问题' }).click();
    await phone.getByText('是否需要当地公证？').waitFor();
    const asked = (await get(enterprise.token, `/v1/requests/${requestId}/questions`)).data;
    expect(asked).toEqual([expect.objectContaining({ text: '是否需要当地公证？ Is a local notary needed?', providerId: provider.id, answer: null })]);
    await accessible(phone, 'bid page with a question');
    await fitsThePhone('bid page with a question');

    await signIn(desk, base, 'enterprise', enterprise.id, `/enterprise/requests/${requestId}`);
    await desk.getByRole('heading', { name: '问答与补充说明' }).waitFor();
    await desk.getByText('是否需要当地公证？').waitFor();
    await desk.getByLabel('回答问题 1').fill('需要，费用包含在报价内。 Yes, included in the price.');
    await desk.getByText('作为补充说明公开给所有受邀服务商', { exact: true }).click();
    expect(await desk.getByRole('checkbox', { name: '作为补充说明公开给所有受邀服务商' }).isChecked()).toBe(true);
    await desk.getByRole('button', { name: '提交对问题 1 的回答' }).click();
    await desk.getByText('补充说明（公开）').waitFor();
    const answered = (await get(provider.token, `/v1/requests/${requestId}/questions`)).data;
    expect(answered[0]).toMatchObject({ askedByYou: true, answer: { text: '需要，费用包含在报价内。 Yes, included in the price.', public: true } });
    await accessible(desk, 'request page with an answered question');
  });

  it('milestone 1: funded by bank transfer to the shown custodian account and reference, confirmed, delivered from a phone, approved and released', async () => {
    const bid = (
      await api.http
        .post(`/v1/requests/${requestId}/bids`)
        .set(bearer(provider.token))
        .send({
          price: rmb(300_000),
          timelineDays: 60,
          proposal: '公司注册与税务登记 Registration and tax number',
          milestones: [
            { title: '公司注册', amount: rmb(120_000), dueInDays: 20 },
            { title: '税务登记', amount: rmb(180_000), dueInDays: 60 },
          ],
        })
        .expect(201)
    ).body;
    engagementId = (await api.http.post(`/v1/requests/${requestId}/award`).set(bearer(enterprise.token)).send({ bidId: bid.id }).expect(201)).body.id;

    // ---- the enterprise funds milestone 1 by bank transfer: the custodian account and the reference, shown
    await desk.goto(`${base}/engagements/${engagementId}`);
    await desk.getByRole('heading', { name: '分期托管' }).waitFor();
    const first = milestoneCard(desk, 1, '公司注册');
    expect(await first.locator('.due').textContent()).toBe('¥120,000.00');
    expect(await first.locator('.milestone-status').textContent()).toContain('待托管');
    await accessible(desk, 'engagement with milestones to fund');
    await desk.getByRole('button', { name: '托管第 1 期：对公汇款', exact: true }).click();
    const howToPay = desk.getByRole('status', { name: '第 1 期付款方式' });
    await howToPay.waitFor();
    const engagement = await get(enterprise.token, `/v1/engagements/${engagementId}`);
    const reference = engagement.payment.reference as string;
    expect(reference).toMatch(/^SW-[0-9A-Z]{10}$/);
    expect(await howToPay.locator('dd.reference').textContent()).toBe(reference);
    expect(await howToPay.locator('dd.account-accountNumber').textContent()).toBe(CUSTODIAN.CUSTODIAN_ACCOUNT_NUMBER);
    expect(await howToPay.locator('dd.account-bank').textContent()).toBe(CUSTODIAN.CUSTODIAN_BANK_NAME);
    expect(await howToPay.locator('dd.account-accountName').textContent()).toBe(CUSTODIAN.CUSTODIAN_ACCOUNT_NAME);
    expect(await howToPay.locator('dd.account-cnaps').textContent()).toBe(CUSTODIAN.CUSTODIAN_CNAPS);
    expect(await howToPay.locator('dd.amount').textContent()).toBe('¥120,000.00');
    await howToPay.getByRole('button', { name: `复制付款参考号 ${reference}` }).waitFor();
    expect((await milestones()).milestones[0]).toMatchObject({ status: 'pending', method: 'bank_transfer' });
    // Paid by milestones now: the whole-engagement payment is no longer offered.
    expect(await desk.getByRole('button', { name: '银行转账', exact: true }).count()).toBe(0);
    await accessible(desk, 'bank transfer details');
    await screenshot(desk, 'escrow-transfer');

    // ---- the platform's finance confirms the custodian account received it
    const due = (await milestones()).milestones[0]!.due;
    await api.http.post(`/v1/engagements/${engagementId}/milestones/1/confirm-receipt`).set(bearer(admin)).send({ amount: due }).expect(200);
    expect((await milestones()).milestones[0]!.status).toBe('funded');

    // ---- the provider delivers from its phone, with a note and a file
    await phone.goto(`${base}/engagements/${engagementId}`);
    const mine = milestoneCard(phone, 1, '公司注册');
    await mine.getByText('已托管，服务中').waitFor();
    // The provider's page names its client, and the payment as held by milestone, not as pending.
    const facts = phone.locator('dl.facts');
    await facts.getByText(`杭州茶业有限公司 Hangzhou Tea ${stamp}`).waitFor();
    expect(await facts.locator('dt').allTextContents()).toContain('客户');
    const values = (await facts.locator('dd').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
    expect(values).toContain('银行转账 · 按里程碑托管 · 已收 ¥120,000.00');
    await accessible(phone, 'provider: milestone funded');
    await fitsThePhone('provider: milestone funded');
    await phone.getByLabel('第 1 期交付内容说明').fill('公司章程与注册证书已办妥');
    await phone.getByLabel('第 1 期交付文件').setInputFiles({ name: '注册证书.pdf', mimeType: 'application/pdf', buffer: PDF });
    await phone.getByRole('list', { name: '已上传的文件' }).getByText('注册证书.pdf').waitFor();
    await phone.getByRole('button', { name: '提交第 1 期交付' }).click();
    await mine.getByText('已交付，待验收').waitFor();
    const delivered = (await milestones(provider.token)).milestones[0]!;
    expect(delivered).toMatchObject({ status: 'delivered' });
    const deliveries = (await get(enterprise.token, `/v1/engagements/${engagementId}/deliveries`)).data;
    expect(deliveries).toEqual([expect.objectContaining({ note: '公司章程与注册证书已办妥', files: [expect.objectContaining({ name: '注册证书.pdf' })] })]);
    const releaseDay = new Date(delivered.autoReleaseAt!).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect(await mine.locator('.auto-release').textContent()).toContain(releaseDay);
    await accessible(phone, 'provider: milestone delivered');
    await fitsThePhone('provider: milestone delivered');
    await screenshot(phone, 'escrow-provider-delivered');

    // ---- the enterprise finds it on its home's to-do, sees the delivery and the auto-release date, then approves
    await desk.goto(`${base}/enterprise`);
    await desk.getByRole('link', { name: '1 个里程碑待验收' }).click();
    await desk.waitForURL(`${base}/engagements/${engagementId}`);
    await desk.getByText('公司章程与注册证书已办妥').waitFor();
    expect(await desk.getByRole('link', { name: '下载 注册证书.pdf' }).count()).toBe(1);
    expect(await milestoneCard(desk, 1, '公司注册').locator('.auto-release').textContent()).toContain(`将于 ${releaseDay} 自动放款`);
    await accessible(desk, 'enterprise: milestone delivered');
    await desk.getByRole('button', { name: '验收第 1 期并放款' }).click();
    await milestoneCard(desk, 1, '公司注册').locator('.milestone-status').getByText('已放款').waitFor();
    const released = await milestones();
    expect(released.milestones[0]).toMatchObject({ status: 'released', released: { amount: due.amount } });
    expect(released.escrow.released.amount).toBe(due.amount);
    expect(released.escrow.held.amount).toBe(0);
    expect(await desk.locator('dd.released').first().textContent()).toBe('¥120,000.00');

    // ---- the receipt of the payment, from its link
    const receipt = desk.getByRole('link', { name: '下载收据（PDF）' });
    const href = await receipt.getAttribute('href');
    expect(href).toBe(`/v1/payments/${engagement.payment.id}/receipt`);
    const pdf = await desk.request.get(`${base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await accessible(desk, 'enterprise: milestone released');
  });

  it('the provider records its bank account and the fapiao of the release', async () => {
    await phone.goto(`${base}/provider/profile`);
    await phone.getByRole('heading', { name: '收款银行账户' }).waitFor();
    await phone.getByLabel('开户行（银行及支行）').fill('中国工商银行杭州西湖支行');
    await phone.getByLabel('户名', { exact: true }).fill('蒙得维的亚法律服务');
    await phone.getByLabel('银行账号').fill('1202 0212 3456 7890 123');
    await phone.getByLabel('联行号（CNAPS，12 位）').fill('102331000123');
    await phone.getByRole('button', { name: '保存收款银行账户' }).click();
    await phone.getByRole('status').getByText('收款银行账户已保存。').waitFor();
    expect(await get(provider.token, `/v1/providers/${provider.id}/bank-account`)).toEqual({
      bank: '中国工商银行杭州西湖支行',
      accountName: '蒙得维的亚法律服务',
      accountNumber: '1202021234567890123',
      cnaps: '102331000123',
      swift: null,
    });
    await accessible(phone, 'provider profile with its bank account');
    await fitsThePhone('provider profile with its bank account');

    await phone.goto(`${base}/engagements/${engagementId}`);
    const form = phone.getByRole('form', { name: '第 1 期放款发票' });
    await form.waitFor();
    // The buyer is the enterprise: its USCC, read from the API once the page has it.
    await eventually(
      () => phone.getByLabel('购买方纳税人识别号').inputValue(),
      (value) => value === enterprise.body.uscc,
    );
    expect(await phone.getByLabel('价税合计（CNY）').inputValue()).toBe('120000.00');
    await phone.getByLabel('发票号码').fill(`3301${Date.now()}`.slice(0, 20));
    await phone.getByRole('button', { name: '登记第 1 期发票' }).click();
    await form.waitFor({ state: 'detached' });
    const fapiao = (await get(enterprise.token, `/v1/engagements/${engagementId}/fapiao`)).fapiao;
    expect(fapiao).toEqual([
      expect.objectContaining({ milestone: 1, type: '全电发票', buyerTaxId: enterprise.body.uscc, amountWithTax: cny(12_000_000), taxRate: '0.06' }),
    ]);
    await accessible(phone, 'provider: fapiao recorded');
    await fitsThePhone('provider: fapiao recorded');
  });

  it('milestone 2: funded, then disputed from the page with evidence; the mediator’s proposal accepted by the enterprise, declined by the provider', async () => {
    await desk.goto(`${base}/engagements/${engagementId}`);
    await desk.getByRole('button', { name: '托管第 2 期：对公汇款', exact: true }).click();
    await desk.getByRole('status', { name: '第 2 期付款方式' }).waitFor();
    const due = (await milestones()).milestones[1]!.due;
    await api.http.post(`/v1/engagements/${engagementId}/milestones/2/confirm-receipt`).set(bearer(admin)).send({ amount: due }).expect(200);
    await desk.reload();
    const second = milestoneCard(desk, 2, '税务登记');
    await second.getByText('已托管，服务中').waitFor();

    await second.getByText('对第 2 期提出争议').click();
    await desk.getByLabel('第 2 期争议原因').fill('税号迟迟未办 The tax number is overdue');
    await desk.getByLabel('第 2 期争议证据文件').setInputFiles({ name: '催办记录.png', mimeType: 'image/png', buffer: PNG });
    await second.getByRole('list', { name: '已上传的文件' }).getByText('催办记录.png').waitFor();
    await accessible(desk, 'dispute form');
    await desk.getByRole('button', { name: '提交第 2 期争议' }).click();
    await second.getByRole('region', { name: '第 2 期争议' }).waitFor();
    const disputed = (await milestones()).milestones[1]!;
    expect(disputed).toMatchObject({ status: 'disputed', dispute: { status: 'open', reason: '税号迟迟未办 The tax number is overdue' } });
    const thread = (await get(provider.token, `/v1/engagements/${engagementId}/messages`)).data;
    expect(thread).toEqual([
      expect.objectContaining({ text: '第 2 期争议：税号迟迟未办 The tax number is overdue', files: [expect.objectContaining({ name: '催办记录.png' })] }),
    ]);

    // The platform's mediator proposes 70/30; both sides see it and the enterprise accepts it on the page.
    const release = Math.round(due.amount * 0.7);
    await api.http
      .post(`/v1/engagements/${engagementId}/milestones/2/dispute/proposal`)
      .set(bearer(admin))
      .send({ release: cny(release), refund: cny(due.amount - release) })
      .expect(200);
    await desk.reload();
    expect(await second.locator('.proposal').textContent()).toContain('放款给服务商 ¥126,000.00，退还企业 ¥54,000.00');
    await accessible(desk, 'dispute with a proposal');
    await desk.getByRole('button', { name: '接受第 2 期调解方案' }).click();
    await second.getByText('您已接受该方案，等待对方确认。').waitFor();
    expect((await milestones()).milestones[1]!.dispute).toMatchObject({ status: 'proposed', acceptedBy: ['enterprise'] });

    await phone.goto(`${base}/engagements/${engagementId}`);
    await milestoneCard(phone, 2, '税务登记').getByRole('button', { name: '接受第 2 期调解方案' }).waitFor();
    await accessible(phone, 'provider: dispute with a proposal');
    await fitsThePhone('provider: dispute with a proposal');
    // The provider declines: its reasons go to the conversation the mediator reads; the money stays held.
    await phone.getByLabel('不接受第 2 期方案的理由').fill('税号已于上周提交 The tax number was filed last week');
    await phone.getByRole('button', { name: '不接受第 2 期方案' }).click();
    await phone.getByRole('list', { name: '留言', exact: true }).getByText('不接受第 2 期调解方案：税号已于上周提交').waitFor();
    expect((await get(admin, `/v1/engagements/${engagementId}/messages`)).data.at(-1)).toMatchObject({
      author: { role: 'provider', org: provider.id },
      text: '不接受第 2 期调解方案：税号已于上周提交 The tax number was filed last week',
    });
    expect((await milestones()).milestones[1]!.dispute).toMatchObject({ status: 'proposed', acceptedBy: ['enterprise'] });
  });

  it('a message with a file, written by the enterprise and seen by the provider', async () => {
    await desk.getByLabel('写留言').fill('附上当地律师的委托书，请查收。 The power of attorney is attached.');
    await desk.getByLabel('留言附件').setInputFiles({ name: '委托书.pdf', mimeType: 'application/pdf', buffer: PDF });
    await desk.getByRole('list', { name: '已上传的文件' }).getByText('委托书.pdf').waitFor();
    await desk.getByRole('button', { name: '发送留言' }).click();
    const messages = desk.getByRole('list', { name: '留言', exact: true });
    await messages.getByText('附上当地律师的委托书').waitFor();
    const sent = (await get(enterprise.token, `/v1/engagements/${engagementId}/messages`)).data.at(-1);
    expect(sent).toMatchObject({
      text: '附上当地律师的委托书，请查收。 The power of attorney is attached.',
      files: [expect.objectContaining({ name: '委托书.pdf' })],
    });
    const unreadBefore = (await (await phone.request.get(`${base}/v1/engagements/${engagementId}/messages`)).json()) as { unreadCount: number };
    expect(unreadBefore.unreadCount).toBeGreaterThan(0);
    await accessible(desk, 'enterprise: message sent');

    await phone.goto(`${base}/engagements/${engagementId}`);
    const seen = phone.getByRole('list', { name: '留言', exact: true }).getByRole('listitem').filter({ hasText: '附上当地律师的委托书' });
    await seen.waitFor();
    expect(await seen.getByText('新').count()).toBe(1);
    const link = seen.getByRole('link', { name: '下载 委托书.pdf' });
    const file = await phone.request.get(`${base}${await link.getAttribute('href')}`);
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);
    // What the provider's person saw is marked read (read state is per person: asked with the page's own session).
    await eventually(
      async () => ((await (await phone.request.get(`${base}/v1/engagements/${engagementId}/messages`)).json()) as { unreadCount: number }).unreadCount,
      (unread) => unread === 0,
    );
    await accessible(phone, 'provider: message seen');
    await fitsThePhone('provider: message seen');
    await screenshot(phone, 'escrow-provider-thread');
  });

  it('paid as a whole by bank transfer: the provider’s recorded account is shown to pay into', async () => {
    const second = await createRequest(api, enterprise.token, {
      title: `乌拉圭商标注册 Trademark in Uruguay ${stamp}`,
      category: 'legal',
      services: ['entity_setup'],
      countries: ['UY'],
      budget: { min: cny(1), max: rmb(100_000) },
    });
    await publish(api, enterprise.token, second);
    const bid = (
      await api.http
        .post(`/v1/requests/${second}/bids`)
        .set(bearer(provider.token))
        .send({ price: rmb(50_000), timelineDays: 20, proposal: '商标检索与注册 Search and filing', milestones: [] })
        .expect(201)
    ).body;
    const whole = (await api.http.post(`/v1/requests/${second}/award`).set(bearer(enterprise.token)).send({ bidId: bid.id }).expect(201)).body.id as string;

    await desk.goto(`${base}/engagements/${whole}`);
    await desk.getByRole('button', { name: '银行转账', exact: true }).click();
    const transfer = desk.getByRole('status');
    await transfer.locator('dd.reference').waitFor();
    const payment = (await get(enterprise.token, `/v1/engagements/${whole}`)).payment;
    expect(payment).toMatchObject({ method: 'bank_transfer', amount: cny(5_000_000) });
    expect(await transfer.locator('dd.reference').textContent()).toBe(payment.reference);
    expect(await transfer.locator('dd.account-accountNumber').textContent()).toBe('1202021234567890123');
    expect(await transfer.locator('dd.account-bank').textContent()).toBe('中国工商银行杭州西湖支行');
    expect(await transfer.locator('dd.account-cnaps').textContent()).toBe('102331000123');
    expect(await transfer.textContent()).toContain('请转账 ¥50,000.00');
    // The answer the page showed, as the API gives it again.
    const again = (await api.http.post(`/v1/engagements/${whole}/payments`).set(bearer(enterprise.token)).send({ method: 'bank_transfer' }).expect(201)).body;
    expect(again.payee).toEqual({
      bank: '中国工商银行杭州西湖支行',
      accountName: '蒙得维的亚法律服务',
      accountNumber: '1202021234567890123',
      cnaps: '102331000123',
      swift: null,
    });
    // Paid as a whole: the milestones are shown, not funded.
    await desk.getByText('本合作按整体付款，里程碑仅供查看。').waitFor();
    expect(await desk.getByRole('button', { name: /^托管第 1 期/ }).count()).toBe(0);
    await accessible(desk, 'paid as a whole by bank transfer');

    // The same page in English.
    await desk.goto(`${base}/engagements/${engagementId}`);
    await desk.getByRole('button', { name: 'English' }).click();
    await desk.getByRole('heading', { name: 'Milestones in escrow' }).waitFor();
    expect(await milestoneCard(desk, 2, '税务登记').count()).toBe(0);
    expect(await desk.getByRole('listitem', { name: 'Milestone 2: 税务登记' }).getByRole('region', { name: 'Dispute on milestone 2' }).count()).toBe(1);
    await accessible(desk, 'engagement in English');
    expect(errors.flat().filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
