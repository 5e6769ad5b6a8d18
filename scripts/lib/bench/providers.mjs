// Generated providers for the search bench: seeded, so every run indexes the same words.
import { randomUUID } from 'node:crypto';

const PLACES = [
  ['沙特', 'Saudi', 'SA'],
  ['阿曼', 'Oman', 'OM'],
  ['迪拜', 'Dubai', 'AE'],
  ['越南', 'Vietnam', 'VN'],
  ['印尼', 'Indonesia', 'ID'],
  ['马来西亚', 'Malaysia', 'MY'],
  ['泰国', 'Thailand', 'TH'],
  ['墨西哥', 'Mexico', 'MX'],
  ['巴西', 'Brazil', 'BR'],
  ['匈牙利', 'Hungary', 'HU'],
  ['德国', 'Germany', 'DE'],
  ['美国', 'United States', 'US'],
];
const TRADES = [
  ['律师事务所', 'Law Firm', 'legal', ['odi_filing', 'entity_setup', 'contracts', 'compliance_programme']],
  ['会计师事务所', 'Accounting', 'accounting_tax', ['audit', 'bookkeeping', 'financial_due_diligence']],
  ['税务咨询', 'Tax Advisory', 'accounting_tax', ['tax_structuring', 'transfer_pricing']],
  ['管理咨询', 'Consulting', 'consulting', ['market_entry', 'feasibility_study', 'localisation']],
  ['知识产权代理', 'IP Agency', 'ip', ['patents', 'trademarks']],
  ['认证中心', 'Certification', 'certification', ['product_certification', 'testing', 'halal']],
  ['人力资源', 'HR Services', 'hr', ['recruitment', 'employer_of_record_payroll', 'visas']],
  ['保险经纪', 'Insurance Brokers', 'insurance', ['political_risk_insurance', 'cargo_insurance']],
  ['物流报关', 'Logistics', 'logistics_customs', ['customs_brokerage', 'freight_forwarding']],
];
const DISTRICTS = ['xuhui', 'jingan', 'pudong', 'huangpu', 'changning', 'songjiang', 'minhang', 'lingang', 'suzhou', 'hangzhou'];
const SECTORS = ['36', '38', '34', '27', '65', '52', '39', '26'];
const LANGUAGES = ['zh-CN', 'en', 'ar', 'vi', 'id', 'th', 'es', 'pt', 'de', 'hu'];

/** mulberry32: a tiny seeded PRNG, so generated data is the same every run. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateProviders(count, seed = 20251123) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const vettedUntil = new Date(Date.now() + 365 * 86_400_000);
  return Array.from({ length: count }, (_, i) => {
    const [placeZh, placeEn, country] = pick(PLACES);
    const [tradeZh, tradeEn, category, services] = pick(TRADES);
    const other = pick(PLACES)[2];
    return {
      id: randomUUID(),
      name: `${placeZh}${tradeZh}${i} ${placeEn} ${tradeEn} ${i}`,
      description: `为出海企业提供${placeZh}${tradeZh}服务。${tradeEn} services for Chinese companies in ${placeEn}.`,
      district: pick(DISTRICTS),
      categories: [category],
      services: services
        .filter(() => random() < 0.7)
        .concat(services[0])
        .filter((s, j, all) => all.indexOf(s) === j),
      countries: country === other ? [country] : [country, other],
      overseas_offices: random() < 0.3 ? [country] : [],
      sectors: [pick(SECTORS)],
      languages: ['zh-CN', pick(LANGUAGES)].filter((l, j, all) => all.indexOf(l) === j),
      currency: 'CNY',
      price_min: 1_000_000,
      price_max: 50_000_000,
      capacity: 5,
      vetted_until: random() < 0.8 ? vettedUntil : null,
    };
  });
}

/** Inserts in batches; the search vector is computed exactly as the app computes it. */
export async function insertProviders(sql, providers, searchDocument) {
  for (let i = 0; i < providers.length; i += 2000) {
    const batch = providers.slice(i, i + 2000);
    await sql`insert into providers ${sql(batch.map((p) => ({ ...p, search_vector: '' })))}`;
    await sql`
      update providers p set search_vector = to_tsvector('english', d.doc)
      from unnest(${batch.map((p) => p.id)}::uuid[], ${batch.map((p) => searchDocument(p.name, p.description))}::text[]) as d(id, doc)
      where p.id = d.id`;
  }
  // The two-step load leaves a dead version of every row; vacuum so the bench reads a table like production's.
  await sql`vacuum analyze providers`;
}
