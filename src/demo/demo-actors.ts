import { randomUUID } from 'node:crypto';
import type { Actor, SeawardClient } from './api-client.js';
import { brand, DEMO_MARK, demoUscc } from './names.js';
import type { Random } from '../../libs/seeded-random/index.js';
import { DAY_MS } from '../../libs/time/index.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** The guided scenario's price band: a full Saudi set-up, above any single service the seed prices. */
export const SPECIALIST_BAND = { min: 80_000_000, max: 160_000_000 };

export interface DemoParty {
  id: string;
  name: string;
  actor: Actor;
}

/** A battery maker registered in Xuhui (GB/T 4754 division 38), new on every run. */
export async function registerBatteryMaker(client: SeawardClient, random: Random): Promise<DemoParty> {
  const id = randomUUID();
  const actor = await client.actor('enterprise', id);
  const name = `徐汇${brand(random).zh}动力电池有限公司 ${DEMO_MARK}`;
  await client.post(actor, '/v1/enterprises', { name, uscc: demoUscc(random, '310104'), district: 'xuhui', sector: '38', sme: false }, [201]);
  return { id, name, actor };
}

const SPECIALISTS = [
  { zh: '律师事务所', en: 'Law Offices', pitch: '沙特投资部（MISA）许可与商业登记 MISA licence and commercial registration' },
  { zh: '律师事务所', en: 'Attorneys', pitch: '利雅得办公室，中阿双语团队 Riyadh office, Chinese–Arabic team' },
  { zh: '出海法律服务有限公司', en: 'Outbound Legal Services', pitch: '新能源制造业 ODI 备案经验 ODI filings for new-energy manufacturers' },
];

/**
 * Three Xuhui legal specialists for Saudi Arabia, each registered by itself, applying to the
 * Xuhui alliance and approved by its manager for a year: vetted, in the district, and fitting the
 * scenario's request on every factor, so matching invites them.
 */
export async function registerSpecialists(client: SeawardClient, random: Random, allianceId: string): Promise<DemoParty[]> {
  const manager = await client.actor('alliance_manager', allianceId);
  const vettedUntil = new Date(Date.now() + 365 * DAY_MS).toISOString();
  const parties: DemoParty[] = [];
  for (const specialist of SPECIALISTS) {
    const id = randomUUID();
    const actor = await client.actor('provider', id);
    const label = brand(random);
    const name = `徐汇${label.zh}${specialist.zh} ${label.en} ${specialist.en} ${DEMO_MARK}`;
    await client.post(
      actor,
      '/v1/providers',
      {
        name,
        description: `为出海企业提供沙特阿拉伯境外投资备案、公司设立与合规服务。${specialist.pitch}. ODI filing and entity set-up in Saudi Arabia.`,
        district: 'xuhui',
        categories: ['legal'],
        services: ['odi_filing', 'entity_setup', 'contracts', 'compliance_programme'],
        countries: ['SA', 'AE', 'OM'],
        overseasOffices: ['SA'],
        sectors: ['38', '36'],
        languages: ['zh-CN', 'en', 'ar'],
        priceBand: { min: cny(SPECIALIST_BAND.min), max: cny(SPECIALIST_BAND.max) },
        capacity: 5,
      },
      [201],
    );
    await client.post(actor, `/v1/alliances/${allianceId}/applications`, undefined, [201]);
    await client.post(manager, `/v1/alliances/${allianceId}/members/${id}/approve`, { vettedUntil }, [200]);
    parties.push({ id, name, actor });
  }
  return parties;
}
