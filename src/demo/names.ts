import { usccCheckCharacter } from '../../libs/uscc/index.js';
import type { Random } from '../../libs/seeded-random/index.js';

/** Every generated name ends so: plausible firms, clearly not real ones. */
export const DEMO_MARK = '(demo)';

// Syllables of invented brand names with their pinyin, so each name reads in both languages.
const SYLLABLES: readonly (readonly [zh: string, en: string])[] = [
  ['澄', 'Cheng'],
  ['衡', 'Heng'],
  ['泓', 'Hong'],
  ['睿', 'Rui'],
  ['嘉', 'Jia'],
  ['信', 'Xin'],
  ['达', 'Da'],
  ['远', 'Yuan'],
  ['航', 'Hang'],
  ['正', 'Zheng'],
  ['瀚', 'Han'],
  ['锦', 'Jin'],
  ['博', 'Bo'],
  ['誉', 'Yu'],
  ['启', 'Qi'],
  ['明', 'Ming'],
  ['卓', 'Zhuo'],
  ['舟', 'Zhou'],
  ['帆', 'Fan'],
  ['岳', 'Yue'],
  ['川', 'Chuan'],
  ['禾', 'He'],
  ['朗', 'Lang'],
  ['拓', 'Tuo'],
  ['沐', 'Mu'],
  ['汇', 'Hui'],
  ['融', 'Rong'],
  ['策', 'Ce'],
  ['璟', 'Jing'],
  ['知', 'Zhi'],
  ['海', 'Hai'],
  ['途', 'Tu'],
];

export interface Trade {
  zh: string;
  en: string;
}

/** How firms of each category name themselves. */
export const TRADES: Readonly<Record<string, readonly Trade[]>> = {
  legal: [
    { zh: '律师事务所', en: 'Law Offices' },
    { zh: '律师事务所', en: 'Attorneys' },
  ],
  accounting_tax: [
    { zh: '会计师事务所', en: 'CPAs' },
    { zh: '税务师事务所', en: 'Tax Advisers' },
  ],
  consulting: [
    { zh: '企业管理咨询有限公司', en: 'Consulting' },
    { zh: '出海战略咨询有限公司', en: 'Strategy Partners' },
  ],
  insurance: [{ zh: '保险经纪有限公司', en: 'Insurance Brokers' }],
  ip: [
    { zh: '知识产权代理有限公司', en: 'IP Agency' },
    { zh: '专利商标事务所', en: 'Patent & Trademark Office' },
  ],
  certification: [{ zh: '检验认证有限公司', en: 'Testing & Certification' }],
  hr: [{ zh: '人力资源有限公司', en: 'Human Resources' }],
  it_digital: [{ zh: '数字科技有限公司', en: 'Digital' }],
  finance: [{ zh: '跨境金融服务有限公司', en: 'Cross-border Finance' }],
  logistics_customs: [
    { zh: '国际物流有限公司', en: 'Logistics' },
    { zh: '报关有限公司', en: 'Customs Brokers' },
  ],
  security: [{ zh: '海外安全咨询有限公司', en: 'Security Advisory' }],
};

export function brand(random: Random): { zh: string; en: string } {
  const [a, b] = random.sample(SYLLABLES, 2);
  return { zh: a![0] + b![0], en: a![1] + b![1].toLowerCase() };
}

export function domesticFirmName(random: Random, place: string, category: string): string {
  const name = brand(random);
  const trade = random.pick(TRADES[category]!);
  return `${place}${name.zh}${trade.zh} ${name.en} ${trade.en} ${DEMO_MARK}`;
}

// Invented surnames with a Chinese rendering, for foreign professional firms' Shanghai offices.
const FOREIGN_PARTNERS: readonly (readonly [en: string, zh: string])[] = [
  ['Harwell', '哈维尔'],
  ['Lindqvist', '林德奎斯特'],
  ['Okafor', '奥卡福'],
  ['Brandt', '布兰特'],
  ['Castellan', '卡斯特兰'],
  ['Mercer-Vale', '默瑟维尔'],
  ['Vautrin', '沃特兰'],
  ['Koenig', '柯尼希'],
  ['Almeida', '阿尔梅达'],
  ['Rahimi', '拉希米'],
  ['Sato', '佐藤'],
  ['Delacroix', '德拉克鲁瓦'],
  ['Halvorsen', '哈尔沃森'],
  ['Szabo', '萨博'],
  ['Quintero', '金特罗'],
  ['Al-Farsi', '法尔西'],
  ['Whitcombe', '惠特科姆'],
  ['Nakamura', '中村'],
  ['Ferreira', '费雷拉'],
  ['Ashdown', '阿什当'],
];

const FOREIGN_SUFFIX: Readonly<Record<string, Trade>> = {
  legal: { en: 'LLP', zh: '律师事务所' },
  accounting_tax: { en: 'Audit & Tax', zh: '会计税务咨询' },
  consulting: { en: 'Advisory', zh: '咨询' },
  insurance: { en: 'Risk & Insurance', zh: '保险经纪' },
  ip: { en: 'IP Attorneys', zh: '知识产权' },
  certification: { en: 'Certification', zh: '认证' },
  hr: { en: 'Global Employment', zh: '人力资源' },
  it_digital: { en: 'Digital Partners', zh: '数字咨询' },
  finance: { en: 'Capital Advisers', zh: '金融顾问' },
  logistics_customs: { en: 'Global Logistics', zh: '国际物流' },
  security: { en: 'Risk Consulting', zh: '风险咨询' },
};

export function foreignFirmName(random: Random, category: string): string {
  const [a, b] = random.sample(FOREIGN_PARTNERS, 2);
  const suffix = FOREIGN_SUFFIX[category]!;
  return `${a![0]} ${b![0]} ${suffix.en} (Shanghai) ${a![1]}${b![1]}${suffix.zh}上海代表处 ${DEMO_MARK}`;
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A USCC that passes GB 32100-2015 (the check character is computed), seeded and fictional. */
export function demoUscc(random: Random, division: string): string {
  let organisation = 'MA';
  for (let i = 0; i < 7; i++) organisation += USCC_ALPHABET[random.int(0, USCC_ALPHABET.length - 1)];
  const first17 = `91${division}${organisation}`;
  return first17 + usccCheckCharacter(first17);
}
