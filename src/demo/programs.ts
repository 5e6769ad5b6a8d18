import type { Actor, SeawardClient } from './api-client.js';
import { DAY_MS } from '../../libs/time/index.js';

const rmb = (yuan: number) => ({ amount: yuan * 100, currency: 'CNY' });

export type ProgramKey = 'xuhui' | 'lingang' | 'jingan';

/** The voucher programmes of docs/product.md, found again by district and exact name. */
export const DEMO_PROGRAMMES: Record<ProgramKey, { district: string; name: string; body: (now: Date) => Record<string, unknown> }> = {
  xuhui: {
    district: 'xuhui',
    name: '徐汇区企业出海专业服务补贴（演示）Xuhui Outbound Professional Services Subsidy (demo)',
    // 30% of purchases from in-district providers, at most 300,000 RMB per enterprise.
    body: () => ({
      policyRef: '徐商务〔2025〕出海服务 8 号 (demo)',
      rateBps: 3000,
      perVoucherCap: rmb(300_000),
      perEnterpriseCap: rmb(300_000),
      budget: rmb(20_000_000),
      categories: ['legal', 'accounting_tax', 'consulting', 'insurance', 'ip', 'certification'],
      providerRule: 'in_district',
      enterpriseRule: 'in_district',
      redemption: 'provider',
    }),
  },
  lingang: {
    district: 'lingang',
    name: '临港新片区企业出海专业服务支持（演示）Lin-gang Outbound Professional Services Support (demo)',
    // Up to 50% of the actual spend, paid back to the enterprise after reconciliation (enterprise reimbursed).
    body: () => ({
      policyRef: '沪自贸临管〔2025〕出海 3 号 (demo)',
      rateBps: 5000,
      perVoucherCap: rmb(500_000),
      perEnterpriseCap: rmb(1_000_000),
      budget: rmb(50_000_000),
      categories: ['legal', 'accounting_tax', 'consulting', 'insurance', 'ip', 'certification', 'hr', 'it_digital'],
      providerRule: 'any_vetted',
      enterpriseRule: 'in_district',
      redemption: 'enterprise',
    }),
  },
  jingan: {
    district: 'jingan',
    name: "静安区出海服务券（演示）Jing'an Outbound Service Vouchers (demo)",
    // Vouchers redeemed by members of the Global Service Provider Programme (provider redeems). Terms illustrative (docs/product.md).
    body: () => ({
      policyRef: '静商务〔2025〕全球服务商 21 号 (demo)',
      rateBps: 5000,
      perVoucherCap: rmb(100_000),
      perEnterpriseCap: rmb(200_000),
      budget: rmb(10_000_000),
      categories: ['legal', 'accounting_tax', 'consulting', 'ip', 'hr'],
      providerRule: 'alliance_member',
      enterpriseRule: 'in_district',
      redemption: 'provider',
    }),
  },
};

export interface ProgramView {
  id: string;
  district: string;
  name: string;
  rateBps: number;
  perVoucherCap: { amount: number; currency: string };
  perEnterpriseCap: { amount: number; currency: string };
  budget: { amount: number; currency: string };
  categories: string[];
  providerRule: string;
  enterpriseRule: string;
  redemption: string;
  ledger?: Record<'budget' | 'reserved' | 'committed' | 'approved' | 'paid' | 'available', { amount: number; currency: string }>;
}

export interface DemoProgram {
  key: ProgramKey;
  view: ProgramView;
  officer: Actor;
}

/** The seeded programme of that district, or undefined when the demo data is not loaded. */
export async function findDemoProgram(client: SeawardClient, key: ProgramKey): Promise<DemoProgram | undefined> {
  const { district, name } = DEMO_PROGRAMMES[key];
  const officer = await client.actor('district_officer', district);
  const view = (await client.all<ProgramView>(officer, `/v1/programs?district=${district}`)).find((p) => p.name === name);
  return view && { key, view, officer };
}

/** Creates the programmes that are missing, as each district's officer would. */
export async function ensurePrograms(client: SeawardClient, now: Date): Promise<Record<ProgramKey, DemoProgram>> {
  const result = {} as Record<ProgramKey, DemoProgram>;
  for (const key of Object.keys(DEMO_PROGRAMMES) as ProgramKey[]) {
    const found = await findDemoProgram(client, key);
    if (found) {
      result[key] = found;
      continue;
    }
    const { district, name, body } = DEMO_PROGRAMMES[key];
    const officer = await client.actor('district_officer', district);
    const validFrom = new Date(now.getTime() - 180 * DAY_MS).toISOString();
    const validTo = new Date(now.getTime() + 400 * DAY_MS).toISOString();
    const view = await client.post<ProgramView>(officer, '/v1/programs', { district, name, ...body(now), validFrom, validTo }, [201]);
    result[key] = { key, view, officer };
  }
  return result;
}
