import type { SeawardClient } from './api-client.js';
import type { DemoParty } from './demo-actors.js';
import { rmb, type StepPrinter } from './format.js';
import type { EngagementView, MatchView } from './history.js';
import type { DemoProgram } from './programs.js';
import { lineOf, reconcile, settlementOfRun, type SettlementView } from './reconcile.js';
import { DAY_MS } from '../../libs/time/index.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** The three bids, in the order they arrive; the enterprise awards the second (best value, shortest timeline). */
const BIDS = [
  { price: 138_000_000, timelineDays: 60, proposal: '全流程代办，含沙特投资部许可 Full service including the MISA licence' },
  { price: 120_000_000, timelineDays: 45, proposal: 'ODI 备案 + 利雅得公司设立，双语团队 ODI filing and Riyadh entity, bilingual team' },
  { price: 105_000_000, timelineDays: 75, proposal: '分阶段办理，价格最低 Phased, lowest price' },
];
export const AWARDED_BID = 1;

interface Round {
  requestId: string;
  bidIds: string[];
}

export async function openRequest(
  client: SeawardClient,
  print: StepPrinter,
  ctx: { enterprise: DemoParty; specialists: DemoParty[]; baseUrl: string },
): Promise<Round> {
  const { enterprise, specialists } = ctx;
  print.title('发布需求，引擎匹配服务商', 'The request is published and matched');
  const body = {
    title: '沙特阿拉伯境外投资（ODI）备案与公司设立 ODI filing and entity set-up in Saudi Arabia',
    description:
      '动力电池企业在沙特设立组装工厂前，办理境外投资备案并在利雅得设立子公司。ODI filing in China and a subsidiary in Riyadh before a battery assembly plant.',
    category: 'legal',
    services: ['odi_filing', 'entity_setup'],
    countries: ['SA'],
    sector: '38',
    budget: { min: cny(80_000_000), max: cny(150_000_000) },
    languages: ['zh-CN', 'en', 'ar'],
    biddingClosesAt: new Date(Date.now() + 14 * DAY_MS).toISOString(),
  };
  const { id: requestId } = await client.post<{ id: string }>(enterprise.actor, '/v1/requests', body, [201]);
  await client.post(enterprise.actor, `/v1/requests/${requestId}/publish`, undefined, [200]);
  print.line(
    `预算 ${rmb(body.budget.min.amount)} – ${rmb(body.budget.max.amount)}，语言 中文/英文/阿拉伯文`,
    `Budget ${rmb(body.budget.min.amount)} – ${rmb(body.budget.max.amount)}; languages zh-CN, en, ar`,
  );
  const { data: matches } = await client.get<{ data: MatchView[] }>(enterprise.actor, `/v1/requests/${requestId}/matches?limit=5`);
  const names = new Map(specialists.map((s) => [s.id, s.name]));
  for (const m of matches) {
    const who = names.get(m.providerId) ?? (await client.get<{ name: string }>(enterprise.actor, `/v1/providers/${m.providerId}`)).name;
    print.line(`#${m.rank} ${who} — 得分 score ${m.score.toFixed(3)}${m.invited ? '，已邀请 invited' : ''}`);
    print.line(`    理由：${m.reasonsZh.slice(0, 3).join('；')}`, `    Why: ${m.reasons.slice(0, 3).join('; ')}`);
  }
  const invited = new Set(matches.filter((m) => m.invited).map((m) => m.providerId));
  const missing = specialists.filter((s) => !invited.has(s.id));
  if (missing.length > 0) throw new Error(`matching did not invite ${missing.map((s) => s.name).join(', ')}: check MATCH_INVITE_TOP_K (at least 3)`);
  print.url('API', `${ctx.baseUrl}/v1/requests/${requestId}/matches`);

  print.title('三家服务商投标', 'Three sealed bids');
  const bidIds: string[] = [];
  for (const [i, bid] of BIDS.entries()) {
    const milestones = [
      { title: '境外投资备案 ODI filing', amount: cny(Math.round(bid.price * 0.4)), dueInDays: 20 },
      { title: '沙特公司设立 Saudi entity', amount: cny(bid.price - Math.round(bid.price * 0.4)), dueInDays: bid.timelineDays },
    ];
    const created = await client.post<{ id: string }>(
      specialists[i]!.actor,
      `/v1/requests/${requestId}/bids`,
      { price: cny(bid.price), timelineDays: bid.timelineDays, proposal: bid.proposal, milestones },
      [201],
    );
    bidIds.push(created.id);
  }
  const { data: bids } = await client.get<{
    data: { id: string; price: { amount: number }; timelineDays: number; costAfterSubsidy?: { subsidy: { amount: number }; cost: { amount: number } }[] }[];
  }>(enterprise.actor, `/v1/requests/${requestId}/bids`);
  for (const [i, id] of bidIds.entries()) {
    const bid = bids.find((b) => b.id === id)!;
    const quote = bid.costAfterSubsidy?.[0];
    const after = quote ? `，用券后 ${rmb(quote.cost.amount)}（补贴 ${rmb(quote.subsidy.amount)}）` : '';
    const afterEn = quote ? `, ${rmb(quote.cost.amount)} after the voucher (subsidy ${rmb(quote.subsidy.amount)})` : '';
    print.line(
      `${specialists[i]!.name}: ${rmb(bid.price.amount)}，${bid.timelineDays} 天${after}`,
      `  ${rmb(bid.price.amount)}, ${bid.timelineDays} days${afterEn}`,
    );
  }
  return { requestId, bidIds };
}

export async function awardAndDeliver(
  client: SeawardClient,
  print: StepPrinter,
  ctx: { enterprise: DemoParty; specialists: DemoParty[]; round: Round; voucherId: string; rateBps: number },
) {
  const { enterprise, round } = ctx;
  const winner = ctx.specialists[AWARDED_BID]!;
  print.title('使用徐汇服务券授标', 'Award with the Xuhui voucher');
  const engagement = await client.post<EngagementView>(
    enterprise.actor,
    `/v1/requests/${round.requestId}/award`,
    { bidId: round.bidIds[AWARDED_BID], voucherId: ctx.voucherId },
    [201],
  );
  const subsidy = engagement.subsidy?.amount ?? 0;
  print.line(`中标：${winner.name}`, `Awarded to ${winner.name}`);
  const share = Math.floor((engagement.price.amount * ctx.rateBps) / 10_000);
  const rate = `${ctx.rateBps / 100}%`;
  const capped = share > subsidy;
  print.line(
    `合同价 ${rmb(engagement.price.amount)}；补贴 ${rate} 为 ${rmb(share)}${capped ? `，按上限补贴 ${rmb(subsidy)}` : ''}；企业支付 ${rmb(engagement.enterpriseShare.amount)}`,
    `Price ${rmb(engagement.price.amount)}; ${rate} is ${rmb(share)}${capped ? `, capped at ${rmb(subsidy)}` : ''}; the enterprise pays ${rmb(engagement.enterpriseShare.amount)}`,
  );

  print.title('银行转账付款', 'Payment by bank transfer');
  const path = `/v1/engagements/${engagement.id}`;
  const { reference } = await client.post<{ reference: string }>(enterprise.actor, `${path}/payments`, { method: 'bank_transfer' }, [201]);
  print.line(
    `企业转账 ${rmb(engagement.enterpriseShare.amount)}，附言 ${reference}`,
    `The enterprise transfers ${rmb(engagement.enterpriseShare.amount)} quoting ${reference}`,
  );
  await client.post(winner.actor, `${path}/payments/confirm-transfer`, { reference, amount: engagement.enterpriseShare }, [200]);
  const paid = await client.get<{ status: string; payment: { status: string; received: { amount: number } } }>(enterprise.actor, path);
  print.line(
    `服务商确认到账 ${rmb(paid.payment.received.amount)}；项目状态 ${paid.status}`,
    `The provider confirms receipt; payment ${paid.payment.status}, engagement ${paid.status}`,
  );

  print.title('交付、验收与评价', 'Delivery, acceptance and rating');
  const invoiceNumber = `XH-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${engagement.id.slice(0, 6).toUpperCase()}`;
  await client.post(winner.actor, `${path}/deliver`, { invoiceNumber }, [200]);
  print.line(
    `服务商交付 ODI 备案通知书与沙特商业登记证，发票号 ${invoiceNumber}`,
    `Delivered: ODI filing notice and Saudi commercial registration; invoice ${invoiceNumber}`,
  );
  await client.post(enterprise.actor, `${path}/accept`, undefined, [200]);
  await client.post(enterprise.actor, `${path}/rating`, { score: 5, comment: '熟悉沙特实务，按期交付 Knows Saudi practice, delivered on time' }, [200]);
  print.line('企业验收并给予 5 星评价', 'The enterprise accepts and rates it 5 stars');
  return { engagementId: engagement.id, price: engagement.price.amount, subsidy, enterpriseShare: engagement.enterpriseShare.amount };
}

export async function settleAndShow(client: SeawardClient, print: StepPrinter, ctx: { program: DemoProgram; deal: { engagementId: string }; baseUrl: string }) {
  const { program, deal } = ctx;
  const { officer, view } = program;
  print.title('对账', 'Reconciliation');
  let settlement: SettlementView | undefined;
  let line: SettlementView['lines'][number] | undefined;
  // A scheduled run already under way may have started before this purchase: then ask once more.
  for (let attempt = 0; attempt < 2 && !line; attempt++) {
    const run = await reconcile(client, officer, view.id);
    const { approved, adjusted, held, rejected } = run.counts;
    print.line(
      `核准 ${approved}，调整 ${adjusted}，暂缓 ${held}，驳回 ${rejected}；核准金额 ${rmb(run.totals.approved)}`,
      `approved ${approved}, adjusted ${adjusted}, held ${held}, rejected ${rejected}; ${rmb(run.totals.approved)} approved`,
    );
    settlement = await settlementOfRun(client, officer, view.id, run.id);
    line = settlement && (await lineOf(client, officer, settlement, deal.engagementId));
  }
  if (!settlement || !line) throw new Error(`reconciliation did not settle engagement ${deal.engagementId}`);

  print.title('结算', 'Settlement');
  print.line(
    `结算批次合计 ${rmb(settlement.total.amount)}；应付 ${line.payeeName} ${rmb(line.amount.amount)}`,
    `Batch total ${rmb(settlement.total.amount)}; ${rmb(line.amount.amount)} to ${line.payeeName}`,
  );
  const csv = await client.text(officer, `/v1/settlements/${settlement.id}`, 'text/csv');
  const rows = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  print.line(`CSV: ${rows[0]}`);
  print.line(`     ${rows.find((r) => r.includes(line.payeeId))}`);
  const reference = `XH-PAY-${settlement.id.slice(0, 8).toUpperCase()}`;
  await client.post(officer, `/v1/settlements/${settlement.id}/confirm`, { paidAt: new Date().toISOString(), reference }, [200]);
  print.line(`区商务委确认拨付，凭证 ${reference}`, `The district confirms the payout, reference ${reference}`);
  print.url('API', `${ctx.baseUrl}/v1/settlements/${settlement.id}`);

  print.title('项目资金台账', "The programme's ledger");
  const { ledger } = await client.get<{ ledger: Record<string, { amount: number }> }>(officer, `/v1/programs/${view.id}`);
  const labels: [string, string][] = [
    ['budget', '预算'],
    ['reserved', '已预留'],
    ['committed', '已承诺'],
    ['approved', '已核准'],
    ['paid', '已拨付'],
    ['available', '可用'],
  ];
  for (const [key, zh] of labels) print.line(`${zh.padEnd(4, '　')} ${key.padEnd(9)} ${rmb(ledger[key]!.amount).padStart(18)}`);
  return { settlementId: settlement.id, settledToProvider: line.amount.amount, ledger };
}
