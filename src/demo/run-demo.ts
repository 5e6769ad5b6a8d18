import { SeawardClient } from './api-client.js';
import { demoAlliance } from './alliances.js';
import { registerBatteryMaker, registerSpecialists } from './demo-actors.js';
import { rmb, StepPrinter, type Log } from './format.js';
import { awardAndDeliver, openRequest, settleAndShow } from './demo-steps.js';
import { findDemoProgram } from './programs.js';
import { Random } from '../../libs/seeded-random/index.js';
import { DAY_MS } from '../../libs/time/index.js';

export interface DemoResult {
  enterpriseId: string;
  requestId: string;
  engagementId: string;
  price: number;
  subsidy: number;
  enterpriseShare: number;
  settlementId: string;
  settledToProvider: number;
  ledger: Record<string, { amount: number }>;
}

export const DEMO_STEPS = 11;

/**
 * The guided tour of issue #10, through the public API only: an EV battery maker in Xuhui needs
 * ODI filing and an entity in Saudi Arabia; three specialists are matched and bid; the award
 * uses a Xuhui voucher; payment by bank transfer, delivery, reconciliation and settlement follow.
 */
export async function runDemo(options: { baseUrl: string; log: Log }): Promise<DemoResult> {
  const { baseUrl, log } = options;
  const client = new SeawardClient(baseUrl);
  const print = new StepPrinter(log, DEMO_STEPS);
  const random = new Random(Date.now() % 2_147_483_647);
  log(`Seaward 演示 · guided demo — ${baseUrl}`);
  log('徐汇区一家动力电池企业赴沙特阿拉伯办理境外投资（ODI）备案并设立公司。');
  log('An EV battery maker in Xuhui needs ODI filing and an entity set up in Saudi Arabia.');

  print.title('徐汇区补贴项目与服务联盟', "Xuhui's voucher programme and alliance");
  const xuhui = await findDemoProgram(client, 'xuhui');
  const alliance = demoAlliance('xuhui');
  const officer = await client.actor('district_officer', 'xuhui');
  const alliances = await client.get<{ data: { id: string; memberCount: number }[] }>(officer, '/v1/alliances');
  const seeded = alliances.data.find((a) => a.id === alliance.id);
  if (!xuhui || !seeded) {
    throw new Error('未找到演示数据 The demo data is not loaded: run `npm run seed:demo` (./scripts/start does it unless SEED_DEMO=false).');
  }
  const terms = xuhui.view;
  print.line(`${terms.name}`);
  print.line(
    `补贴比例 ${terms.rateBps / 100}%，每家企业上限 ${rmb(terms.perEnterpriseCap.amount)}，限购区内服务商的服务；预算 ${rmb(terms.budget.amount)}`,
    `${terms.rateBps / 100}% subsidy, capped at ${rmb(terms.perEnterpriseCap.amount)} per enterprise, in-district providers only; budget ${rmb(terms.budget.amount)}`,
  );
  print.line(`徐汇区企业出海服务联盟现有 ${seeded.memberCount} 家经审核成员`, `The Xuhui alliance has ${seeded.memberCount} vetted members`);

  print.title('企业与三家服务商入驻', 'The enterprise and three specialists register');
  const enterprise = await registerBatteryMaker(client, random);
  print.line(`企业 Enterprise: ${enterprise.name}（徐汇区，电气机械和器材制造业 38 / Xuhui, GB/T 4754 division 38）`);
  const specialists = await registerSpecialists(client, random, alliance.id);
  for (const s of specialists) print.line(`服务商 Provider: ${s.name} — 徐汇联盟审核通过 vetted by the Xuhui alliance`);

  print.title('区商务委发放服务券', 'The Xuhui commerce bureau issues a voucher');
  const faceValue = terms.perVoucherCap.amount;
  const expiresAt = new Date(Date.now() + 90 * DAY_MS).toISOString();
  const voucher = await client.post<{ id: string }>(
    xuhui.officer,
    `/v1/programs/${terms.id}/vouchers`,
    {
      enterpriseId: enterprise.id,
      faceValue: { amount: faceValue, currency: 'CNY' },
      expiresAt,
    },
    [201],
  );
  print.line(`服务券面值 ${rmb(faceValue)}，90 天内有效`, `Voucher worth ${rmb(faceValue)}, valid for 90 days (${voucher.id})`);

  const round = await openRequest(client, print, { enterprise, specialists, baseUrl });
  const deal = await awardAndDeliver(client, print, { enterprise, specialists, round, voucherId: voucher.id, rateBps: terms.rateBps });
  const settled = await settleAndShow(client, print, { program: xuhui, deal, baseUrl });

  log('');
  log('在网页中查看 · Open in the web app (sign in with a demo account):');
  log(`  ${baseUrl}/sign-in`);
  log(`  企业 Enterprise: ${baseUrl}/enterprise/requests/${round.requestId} · ${baseUrl}/engagements/${deal.engagementId}`);
  log(`  区商务官员 District officer (xuhui): ${baseUrl}/officer/settlements · ${baseUrl}/officer/reconciliation`);
  log(`  联盟管理者 Alliance manager: ${baseUrl}/manager/matches · ${baseUrl}/manager/weights`);
  log(`  API: ${baseUrl}/v1/engagements/${deal.engagementId} · ${baseUrl}/v1/settlements/${settled.settlementId} · ${baseUrl}/docs`);
  log('演示完成 · Demo complete.');
  return { enterpriseId: enterprise.id, requestId: round.requestId, ...deal, ...settled };
}
