import { CATEGORIES, findCountry, findDistrict } from '../../libs/reference-data/index.js';
import { vettingOf, type MembershipFact, type MembershipStatus } from '../../libs/vetting/index.js';
import { DEMO_ALLIANCES, DEMO_PENDING, DEMO_SUSPENDED, type DemoAlliance } from './alliances.js';
import { domesticFirmName, foreignFirmName } from './names.js';
import { demoUuid } from './demo-uuid.js';
import { Random } from '../../libs/seeded-random/index.js';
import { DAY_MS } from '../../libs/time/index.js';

/** The markets enterprises are going to today (docs/product.md, the issue). */
export const TARGET_COUNTRIES = ['SA', 'OM', 'AE', 'VN', 'ID', 'MY', 'TH', 'MX', 'BR', 'HU', 'DE', 'US'] as const;

const LANGUAGE_OF: Readonly<Record<string, string>> = {
  SA: 'ar',
  OM: 'ar',
  AE: 'ar',
  VN: 'vi',
  ID: 'id',
  MY: 'ms',
  TH: 'th',
  MX: 'es',
  BR: 'pt',
  HU: 'hu',
  DE: 'de',
  FR: 'fr',
  JP: 'ja',
  NL: 'nl',
};
const FOREIGN_HOMES = ['DE', 'US', 'GB', 'FR', 'SG', 'AE', 'JP', 'NL', 'HU', 'BR', 'MX', 'SA'];
const SECTORS = ['36', '38', '65', '27', '52', '34', '35', '64', 'C'];

// Weighted: legal and accounting are most of what enterprises buy first.
const CATEGORY_WEIGHTS: [string, number][] = [
  ['legal', 25],
  ['accounting_tax', 18],
  ['consulting', 14],
  ['insurance', 7],
  ['ip', 7],
  ['certification', 7],
  ['hr', 6],
  ['it_digital', 5],
  ['finance', 4],
  ['logistics_customs', 5],
  ['security', 2],
];

/**
 * Seeded price bands stay at or under 600,000 RMB: a single service bought by an SME. The guided
 * demo's specialists quote above that, which is what keeps them at the top of its matching.
 */
export const SEEDED_PRICE_CEILING = 60_000_000;

export interface DemoProviderRow {
  id: string;
  name: string;
  description: string;
  district: string;
  categories: string[];
  services: string[];
  countries: string[];
  overseasOffices: string[];
  sectors: string[];
  languages: string[];
  currency: string;
  priceMin: number;
  priceMax: number;
  capacity: number;
  vettedUntil: Date | null;
  allianceIds: string[];
  appliedAllianceIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoMembershipRow {
  allianceId: string;
  providerId: string;
  status: MembershipStatus;
  vettedUntil: Date | null;
  suspendedReason: string | null;
  appliedAt: Date;
  updatedAt: Date;
}

function weightedCategory(random: Random): string {
  let roll = random.next() * CATEGORY_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  for (const [category, weight] of CATEGORY_WEIGHTS) if ((roll -= weight) < 0) return category;
  return 'legal';
}

function profile(random: Random, alliance: DemoAlliance, district: string, foreign: boolean) {
  const category = weightedCategory(random);
  const offered = CATEGORIES.find((c) => c.code === category)!.services;
  const services = random.sample(offered, random.int(2, Math.min(5, offered.length)));
  const focus = alliance.focusCountries.length && random.chance(0.7) ? alliance.focusCountries : TARGET_COUNTRIES;
  const countries = random.sample(focus, random.int(1, 3));
  const home = foreign ? random.pick(FOREIGN_HOMES) : null;
  if (home && !countries.includes(home)) countries.push(home);
  const offices = home ? [home] : random.chance(0.3) ? [random.pick(countries)] : [];
  const languages = ['zh-CN', 'en', ...new Set(countries.map((c) => LANGUAGE_OF[c]).filter((l): l is string => !!l && random.chance(0.6)))];
  const priceMin = random.int(2, 15) * 1_000_000;
  const priceMax = Math.min(SEEDED_PRICE_CEILING, priceMin * random.int(2, 4));
  const place = findDistrict(district)!
    .nameZh.replace(/[区市]$/, '')
    .replace('新片', '');
  const name = foreign ? foreignFirmName(random, category) : domesticFirmName(random, place, category);
  const zhPlaces = countries.map((c) => findCountry(c)!.nameZh).join('、');
  const enPlaces = countries.map((c) => findCountry(c)!.nameEn).join(', ');
  const serviceZh = services.map((s) => s.nameZh).join('、');
  const serviceEn = services.map((s) => s.nameEn.toLowerCase()).join(', ');
  const origin = home
    ? `外商投资专业服务机构，总部位于${findCountry(home)!.nameZh}。Foreign-invested professional firm headquartered in ${findCountry(home)!.nameEn}. `
    : '';
  return {
    name,
    description: `${origin}为出海企业提供${zhPlaces}的${serviceZh}服务。${serviceEn} for Chinese companies in ${enPlaces}.`,
    district,
    categories: [category],
    services: services.map((s) => s.code),
    countries,
    overseasOffices: offices,
    sectors: random.sample(SECTORS, random.int(1, 3)),
    languages,
    currency: 'CNY',
    priceMin,
    priceMax,
    capacity: random.int(4, 20),
  };
}

/** Every alliance's members (and a few applicants and suspended members), with consistent vetting. */
export function generateProviders(seed: number, now: Date): { providers: DemoProviderRow[]; memberships: DemoMembershipRow[] } {
  const random = new Random(seed);
  const providers: DemoProviderRow[] = [];
  const memberships: DemoMembershipRow[] = [];
  const add = (alliance: DemoAlliance, district: string, index: number, status: MembershipStatus, foreign: boolean) => {
    const id = demoUuid(`provider:${alliance.key}:${status}:${index}`);
    const createdAt = new Date(now.getTime() - random.int(150, 420) * DAY_MS);
    const appliedAt = new Date(createdAt.getTime() + random.int(1, 20) * DAY_MS);
    const updatedAt = new Date(appliedAt.getTime() + random.int(3, 20) * DAY_MS);
    const soon = random.chance(0.04);
    const vettedUntil = status === 'active' ? new Date(now.getTime() + (soon ? random.int(5, 25) : random.int(120, 540)) * DAY_MS) : null;
    const membership: DemoMembershipRow = {
      allianceId: alliance.id,
      providerId: id,
      status,
      vettedUntil,
      suspendedReason: status === 'suspended' ? '执业许可证过期待更新 Practising licence expired, renewal pending' : null,
      appliedAt,
      updatedAt,
    };
    const facts: MembershipFact[] = [{ allianceId: alliance.id, status, vettedUntil }];
    providers.push({ id, ...profile(random, alliance, district, foreign), ...vettingOf(facts, now), createdAt, updatedAt });
    memberships.push(membership);
  };
  for (const alliance of DEMO_ALLIANCES) {
    // Exactly the published share of foreign firms, spread through the list.
    const total = alliance.placements.reduce((sum, [, count]) => sum + count, 0);
    const foreign = Math.round(alliance.foreignShare * total);
    let index = 0;
    for (const [district, count] of alliance.placements) {
      for (let i = 0; i < count; i++, index++) add(alliance, district, index, 'active', (index * foreign) % total < foreign);
    }
  }
  const byKey = (key: string) => DEMO_ALLIANCES.find((a) => a.key === key)!;
  for (let i = 0; i < DEMO_PENDING.xuhui; i++) add(byKey('xuhui'), 'xuhui', i, 'pending', false);
  for (let i = 0; i < DEMO_SUSPENDED.jingan; i++) add(byKey('jingan'), 'jingan', i, 'suspended', true);
  return { providers, memberships };
}
