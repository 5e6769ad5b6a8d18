import type { SeawardClient } from './api-client.js';
import { G60_CITY_CODES } from '../../libs/reference-data/index.js';
import { DAY_MS } from '../../libs/time/index.js';
import type { ProgramView } from './programs.js';

const rmb = (yuan: number) => ({ amount: yuan * 100, currency: 'CNY' });

export const G60_PROGRAMME_NAME = 'G60科创走廊出海服务券（九城共担，演示）G60 Corridor Outbound Service Vouchers, co-funded by nine cities (demo)';

/**
 * The G60 corridor's co-funded programme (issue 28): run by Songjiang, paid by the nine cities
 * in their shares — Songjiang 20%, each of the eight others 10% — each out of its own budget.
 * Terms, shares and budgets are illustrative (docs/product.md), not from the seeds.
 */
function g60Funders() {
  return G60_CITY_CODES.map((city) =>
    city === 'songjiang' ? { district: city, shareBps: 2000, budget: rmb(4_000_000) } : { district: city, shareBps: 1000, budget: rmb(2_000_000) },
  );
}

/** Creates the programme unless it is there, as Songjiang's officer would; answers with it. */
export async function ensureG60Programme(client: SeawardClient, now: Date): Promise<ProgramView & { funders?: unknown[] }> {
  const officer = await client.actor('district_officer', 'songjiang');
  const found = (await client.all<ProgramView>(officer, '/v1/programs?district=songjiang')).find((p) => p.name === G60_PROGRAMME_NAME);
  if (found) return found;
  const funders = g60Funders();
  return client.post<ProgramView>(
    officer,
    '/v1/programs',
    {
      district: 'songjiang',
      name: G60_PROGRAMME_NAME,
      policyRef: 'G60科创走廊联席办〔2026〕出海服务 1 号 (demo)',
      rateBps: 3000,
      perVoucherCap: rmb(200_000),
      perEnterpriseCap: rmb(200_000),
      budget: rmb(funders.reduce((sum, f) => sum + f.budget.amount / 100, 0)),
      categories: ['legal', 'accounting_tax', 'consulting', 'ip', 'certification'],
      // Providers vetted by an alliance covering Songjiang (the G60 alliance), enterprises of any of the corridor's cities.
      providerRule: 'alliance_member',
      enterpriseRule: 'any',
      redemption: 'provider',
      validFrom: new Date(now.getTime() - 30 * DAY_MS).toISOString(),
      validTo: new Date(now.getTime() + 400 * DAY_MS).toISOString(),
      funders,
    },
    [201],
  );
}
