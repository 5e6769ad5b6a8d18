import { CATEGORIES, findCountry } from '../../libs/reference-data/index.js';
import { UnexpectedResponse, type SeawardClient } from './api-client.js';
import type { DealPlan, Stage } from './history-plan.js';
import type { DemoProgram, ProgramKey } from './programs.js';
import type { DemoProviderRow } from './providers.js';
import { Random } from '../../libs/seeded-random/index.js';
import { DAY_MS } from '../../libs/time/index.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

export interface MatchView {
  providerId: string;
  rank: number;
  score: number;
  reasons: string[];
  reasonsZh: string[];
  invited: boolean;
  subsidyEstimate: { amount: number } | null;
}

export interface EngagementView {
  id: string;
  providerId: string;
  price: { amount: number };
  subsidy: { amount: number } | null;
  enterpriseShare: { amount: number; currency: string };
}

/** What one planned purchase became, for backdating afterwards. */
export interface DealRecord {
  plan: DealPlan;
  requestId: string;
  engagementId: string | null;
  reached: Stage;
}

export interface HistoryContext {
  client: SeawardClient;
  programs: Record<ProgramKey, DemoProgram>;
  /** The generated providers, to tell which invited ones a programme would subsidise. */
  providers: ReadonlyMap<string, DemoProviderRow>;
  eligible: (program: ProgramKey, provider: DemoProviderRow) => boolean;
  seed: number;
  now: Date;
}

function requestBody(plan: DealPlan, now: Date) {
  const category = CATEGORIES.find((c) => c.code === plan.favourite.categories[0])!;
  const services = plan.services.map((code) => category.services.find((s) => s.code === code)!);
  const country = findCountry(plan.country)!;
  return {
    title: `${country.nameZh}${services.map((s) => s.nameZh).join('与')} ${services.map((s) => s.nameEn).join(' and ')} in ${country.nameEn}`,
    description: `${plan.enterprise.name.replace(/ \(demo\)$/, '')}拟拓展${country.nameZh}市场，需要${services.map((s) => s.nameZh).join('、')}服务。Expanding into ${country.nameEn}.`,
    category: category.code,
    services: plan.services,
    countries: [plan.country],
    sector: plan.enterprise.sector,
    budget: { min: cny(plan.favourite.priceMin), max: cny(plan.favourite.priceMax) },
    languages: plan.languages,
    biddingClosesAt: new Date(now.getTime() + 14 * DAY_MS).toISOString(),
  };
}

/** Issues a voucher worth the subsidy on `price` (rounded up to 1,000 RMB); undefined when the budget says no. */
async function issueVoucher(ctx: HistoryContext, program: DemoProgram, enterpriseId: string, price: number): Promise<string | undefined> {
  const { rateBps, perVoucherCap } = program.view;
  const faceValue = Math.min(perVoucherCap.amount, Math.ceil((price * rateBps) / 10_000 / 100_000) * 100_000);
  const expiresAt = new Date(ctx.now.getTime() + 180 * DAY_MS).toISOString();
  const body = { enterpriseId, faceValue: cny(faceValue), expiresAt };
  const voucher = await ctx.client.post<{ id: string }>(program.officer, `/v1/programs/${program.view.id}/vouchers`, body, [201, 409]);
  return 'id' in voucher ? voucher.id : undefined;
}

/** Requests, matches, bids and, unless the plan stops earlier, award, payment, delivery and rating. */
export async function runDeal(ctx: HistoryContext, plan: DealPlan): Promise<DealRecord> {
  const { client } = ctx;
  const random = new Random(ctx.seed * 1000 + plan.index);
  const enterprise = await client.actor('enterprise', plan.enterprise.id);
  const { id: requestId } = await client.post<{ id: string }>(enterprise, '/v1/requests', requestBody(plan, ctx.now), [201]);
  await client.post(enterprise, `/v1/requests/${requestId}/publish`, undefined, [200]);
  const record: DealRecord = { plan, requestId, engagementId: null, reached: plan.stage };
  const { data: matches } = await client.get<{ data: MatchView[] }>(enterprise, `/v1/requests/${requestId}/matches?limit=20`);
  const invited = matches.filter((m) => m.invited).map((m) => m.providerId);
  const subsidisable = (id: string) => {
    const provider = ctx.providers.get(id);
    return plan.program !== null && provider !== undefined && ctx.eligible(plan.program, provider);
  };
  const winner = invited.includes(plan.favourite.id) ? plan.favourite.id : (invited.find(subsidisable) ?? invited[0]);
  if (plan.stage === 'cancelled' || winner === undefined) {
    await client.post(enterprise, `/v1/requests/${requestId}/cancel`, undefined, [200]);
    return { ...record, reached: 'cancelled' };
  }
  const bidders = [winner, ...invited.filter((id) => id !== winner).slice(0, plan.rivals)];
  let winningBid = '';
  for (const providerId of bidders) {
    const provider = await client.actor('provider', providerId);
    const price = providerId === winner ? plan.price : Math.max(100_000, Math.round((plan.price * (0.85 + random.next() * 0.45)) / 100_000) * 100_000);
    const bid = await client.post<{ id: string }>(
      provider,
      `/v1/requests/${requestId}/bids`,
      {
        price: cny(price),
        timelineDays: providerId === winner ? plan.timelineDays : plan.timelineDays + random.int(-2, 4) * 5,
        proposal: '项目组由合伙人牵头，当地合作律所/机构协同办理。A partner-led team with our local correspondents.',
        milestones: [],
      },
      [201],
    );
    if (providerId === winner) winningBid = bid.id;
  }
  if (plan.stage === 'open') return record;

  const program = plan.program && subsidisable(winner) ? ctx.programs[plan.program] : undefined;
  const voucherId = program && (await issueVoucher(ctx, program, plan.enterprise.id, plan.price));
  let engagement: EngagementView;
  try {
    engagement = await client.post<EngagementView>(
      enterprise,
      `/v1/requests/${requestId}/award`,
      { bidId: winningBid, ...(voucherId ? { voucherId } : {}) },
      [201],
    );
  } catch (error) {
    // The group's cap may be used up by an earlier purchase: buy without the subsidy instead.
    if (!(error instanceof UnexpectedResponse && error.status === 409 && voucherId)) throw error;
    await client.post(program!.officer, `/v1/vouchers/${voucherId}/revoke`, undefined, [200]);
    engagement = await client.post<EngagementView>(enterprise, `/v1/requests/${requestId}/award`, { bidId: winningBid }, [201]);
  }
  record.engagementId = engagement.id;
  await completeDeal(ctx, plan, engagement, enterprise);
  return record;
}

async function completeDeal(ctx: HistoryContext, plan: DealPlan, engagement: EngagementView, enterprise: Awaited<ReturnType<SeawardClient['actor']>>) {
  const { client } = ctx;
  if (plan.stage === 'awaiting_payment') return;
  const provider = await client.actor('provider', engagement.providerId);
  const path = `/v1/engagements/${engagement.id}`;
  const { reference } = await client.post<{ reference: string }>(enterprise, `${path}/payments`, { method: 'bank_transfer' }, [201]);
  await client.post(provider, `${path}/payments/confirm-transfer`, { reference, amount: engagement.enterpriseShare }, [200]);
  if (plan.stage === 'in_progress') return;
  await client.post(provider, `${path}/deliver`, { invoiceNumber: `DEMO-INV-${String(plan.index + 1).padStart(5, '0')}` }, [200]);
  if (plan.stage === 'delivered') return;
  if (plan.stage === 'disputed') {
    await client.post(enterprise, `${path}/dispute`, { reason: '交付文件缺少当地主管部门回执 The filing receipt from the local authority is missing' }, [200]);
    return;
  }
  await client.post(enterprise, `${path}/accept`, undefined, [200]);
  const comments: Record<number, string> = {
    3: '按期完成，沟通有待加强 On time; communication could be better',
    4: '专业可靠 Professional and reliable',
    5: '熟悉当地实务，强烈推荐 Knows local practice, highly recommended',
  };
  await client.post(enterprise, `${path}/rating`, { score: plan.rating, comment: comments[plan.rating] }, [200, 201]);
  if (plan.stage === 'refunded') {
    const refund = Math.floor((engagement.enterpriseShare.amount * 0.2) / 100) * 100;
    await client.post(provider, `/v1/engagements/${engagement.id}/refunds`, { amount: cny(refund) }, [200]);
  }
}
