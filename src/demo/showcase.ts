import { UnexpectedResponse, type Actor, type SeawardClient } from './api-client.js';
import { DEMO_ENTERPRISES } from './demo-enterprises.js';
import type { DemoProgram } from './programs.js';
import { DAY_MS } from '../../libs/time/index.js';

/** The provider behind the sign-in page's "demo provider" button (src/web/demo-accounts.ts). */
export const DEMO_PROVIDER_ID = '7479ea28-1acd-538a-8788-7afce8d7a37f';
/** The names the sign-in page's demo buttons give these two people (src/web/demo-accounts.ts). */
export const DEMO_PEOPLE = { enterprise: '王磊（演示）', provider: '李娜（演示）' } as const;
const ENTERPRISE = DEMO_ENTERPRISES[0];
const cny = (yuan: number) => ({ amount: yuan * 100, currency: 'CNY' });

interface Request {
  title: string;
  description: string;
  category: string;
  services: string[];
  budget: [number, number];
}

/**
 * The demo accounts' own work in progress, so that signing in as the demo enterprise or the demo
 * provider opens on a live marketplace and not on empty lists: the battery maker's Saudi venture
 * has an engagement with the demo provider whose first milestone waits for its approval, an open
 * HR request where the demo provider's invitation waits for an answer, and an ODI request with
 * bids to compare against a Xuhui voucher. The two demo people exist before any of it happens, so
 * their inboxes hold what it told them. Runs once, on a fresh history (src/demo/seed.ts).
 */
export async function seedShowcase(client: SeawardClient, xuhui: DemoProgram, now: Date, log: (line: string) => void): Promise<void> {
  for (const [role, org] of [
    ['enterprise', ENTERPRISE.id],
    ['provider', DEMO_PROVIDER_ID],
  ] as const) {
    await client.post(null, '/auth/dev-session', { role, org, name: DEMO_PEOPLE[role] }, [200, 201]);
  }
  const enterprise = await client.actor('enterprise', ENTERPRISE.id);
  const provider = await client.actor('provider', DEMO_PROVIDER_ID);
  const admin = await client.actor('admin', 'platform');
  const expiresAt = new Date(now.getTime() + 120 * DAY_MS).toISOString();
  await client.post(xuhui.officer, `/v1/programs/${xuhui.view.id}/vouchers`, { enterpriseId: ENTERPRISE.id, faceValue: cny(60_000), expiresAt }, [201, 409]);

  const payroll = await publish(client, enterprise, now, {
    title: '沙特子公司名义雇主与薪酬 Employer of record and payroll in Saudi Arabia',
    description:
      '在利雅得设立电池组装厂前，先以名义雇主方式雇用 12 名本地员工并代发薪酬。Twelve local hires in Riyadh through an employer of record before our plant opens.',
    category: 'hr',
    services: ['employer_of_record_payroll'],
    budget: [140_000, 280_000],
  });
  await invite(client, enterprise, payroll, DEMO_PROVIDER_ID);
  const bid = await client.post<{ id: string }>(provider, `/v1/requests/${payroll}/bids`, {
    price: cny(180_000),
    timelineDays: 120,
    proposal: '利雅得团队负责雇佣合同、GOSI 社保登记与月度薪酬。Our Riyadh team handles contracts, GOSI registration and monthly payroll.',
    milestones: [
      { title: '名义雇主设立与首批入职 EOR set-up and first hires', amount: cny(90_000), dueInDays: 30 },
      { title: '前三个月薪酬与合规申报 First three months of payroll and filings', amount: cny(90_000), dueInDays: 120 },
    ],
  });
  const engagement = await client.post<{ id: string }>(enterprise, `/v1/requests/${payroll}/award`, { bidId: bid.id }, [201]);
  const path = `/v1/engagements/${engagement.id}`;
  await client.post(enterprise, `${path}/milestones/1/fund`, { method: 'bank_transfer' }, [201]);
  const { milestones } = await client.get<{ milestones: { due: { amount: number; currency: string } }[] }>(enterprise, `${path}/milestones`);
  await client.post(admin, `${path}/milestones/1/confirm-receipt`, { amount: milestones[0]!.due }, [200]);
  await client.post(
    provider,
    `${path}/messages`,
    { text: '首批 5 名员工已签约，入职材料见交付说明。Five hires signed; the onboarding file is in the delivery note.' },
    [201],
  );
  await client.post(
    provider,
    `${path}/milestones/1/deliver`,
    { note: '名义雇主实体已就绪，5 名员工完成 GOSI 登记。The EOR entity is ready and five hires are registered with GOSI.' },
    [200],
  );

  const hiring = await publish(client, enterprise, now, {
    title: '沙特工厂本地招聘与工作签证 Recruitment and work visas for our Saudi plant',
    description: '招聘 30 名产线技术员，并为 6 名中方工程师办理工作签证。Thirty line technicians, and work visas for six engineers from Shanghai.',
    category: 'hr',
    services: ['recruitment', 'visas'],
    budget: [150_000, 260_000],
  });
  await invite(client, enterprise, hiring, DEMO_PROVIDER_ID);
  const hiringBids = await bidByOthers(client, enterprise, hiring, [168_000, 214_000]);

  const odi = await publish(client, enterprise, now, {
    title: '沙特阿拉伯 ODI 备案与公司设立 ODI filing and company set-up in Saudi Arabia',
    description: '发改委、商务部境外投资备案，以及在沙特投资部（MISA）注册子公司。ODI filings in China and the subsidiary registered with MISA.',
    category: 'legal',
    services: ['odi_filing', 'entity_setup'],
    budget: [120_000, 300_000],
  });
  const odiBids = await bidByOthers(client, enterprise, odi, [158_000, 196_000, 245_000]);
  log(`showcase: the demo enterprise's engagement with the demo provider (milestone 1 delivered), ${hiringBids} + ${odiBids} bids to compare`);
}

async function publish(client: SeawardClient, enterprise: Actor, now: Date, request: Request): Promise<string> {
  const { id } = await client.post<{ id: string }>(
    enterprise,
    '/v1/requests',
    {
      title: request.title,
      description: request.description,
      category: request.category,
      services: request.services,
      countries: ['SA'],
      sector: ENTERPRISE.sector,
      budget: { min: cny(request.budget[0]), max: cny(request.budget[1]) },
      languages: ['zh-CN', 'en'],
      biddingClosesAt: new Date(now.getTime() + 14 * DAY_MS).toISOString(),
    },
    [201],
  );
  await client.post(enterprise, `/v1/requests/${id}/publish`, undefined, [200]);
  return id;
}

/** The enterprise's own choice, beside matching's; already invited by matching is fine. */
async function invite(client: SeawardClient, enterprise: Actor, requestId: string, providerId: string): Promise<void> {
  await client.post(enterprise, `/v1/requests/${requestId}/invitations`, { providerId }, [201, 409]);
}

/** Bids from the providers matching invited (the demo provider excepted), one per price; how many. */
async function bidByOthers(client: SeawardClient, enterprise: Actor, requestId: string, prices: number[]): Promise<number> {
  const { data } = await client.get<{ data: { providerId: string; invited: boolean }[] }>(enterprise, `/v1/requests/${requestId}/matches?limit=20`);
  const bidders = data.filter((m) => m.invited && m.providerId !== DEMO_PROVIDER_ID).slice(0, prices.length);
  let placed = 0;
  for (const [i, { providerId }] of bidders.entries()) {
    const bidder = await client.actor('provider', providerId);
    try {
      await client.post(
        bidder,
        `/v1/requests/${requestId}/bids`,
        { price: cny(prices[i]!), timelineDays: 45 + i * 15, proposal: PROPOSALS[i % PROPOSALS.length] },
        [201],
      );
      placed++;
    } catch (error) {
      // A matched provider may be at capacity by now: the others still bid.
      if (!(error instanceof UnexpectedResponse && error.status === 409)) throw error;
    }
  }
  return placed;
}

const PROPOSALS = [
  '合伙人牵头，利雅得合作机构协同办理。A partner-led team with our Riyadh correspondents.',
  '固定总价，含政府规费以外的全部服务。A fixed fee for everything but government charges.',
  '中文项目经理全程跟进，每周汇报进度。A Mandarin-speaking project manager and weekly reports.',
];
