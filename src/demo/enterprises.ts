import { findDistrict } from '../../libs/reference-data/index.js';
import { DEMO_ENTERPRISES } from './demo-enterprises.js';
import { brand, DEMO_MARK, demoUscc } from './names.js';
import { demoUuid } from './demo-uuid.js';
import { Random } from '../../libs/seeded-random/index.js';
import { DAY_MS } from '../../libs/time/index.js';

/** Sectors going global today, with the markets each is heading for. */
export const SECTOR_PROFILES = [
  { sector: '36', words: ['新能源汽车', '智能电动汽车'], targets: ['SA', 'MX', 'BR', 'HU', 'TH', 'DE'] },
  { sector: '38', words: ['动力电池', '储能科技'], targets: ['HU', 'DE', 'ID', 'MY', 'US', 'SA'] },
  { sector: '38', words: ['光伏科技', '光伏能源'], targets: ['SA', 'OM', 'AE', 'VN', 'MY'] },
  { sector: '65', words: ['人工智能', '智能科技'], targets: ['AE', 'SA', 'MY', 'US', 'DE'] },
  { sector: '27', words: ['生物医药', '医药科技'], targets: ['US', 'DE', 'AE', 'BR', 'SA'] },
  { sector: '64', words: ['互动娱乐', '游戏科技'], targets: ['VN', 'TH', 'ID', 'US', 'SA'] },
  { sector: '52', words: ['跨境电商', '电子商务'], targets: ['MY', 'TH', 'VN', 'MX', 'BR'] },
  { sector: '34', words: ['智能装备', '精工机械'], targets: ['SA', 'OM', 'VN', 'ID', 'MX'] },
] as const;

// Lin-gang has no administrative code of its own: its USCCs carry Pudong's (310115).
// Where the generated enterprises are registered: the three programmes' districts first.
const PLACEMENTS: [district: string, count: number][] = [
  ['xuhui', 16],
  ['jingan', 10],
  ['lingang', 12],
  ['songjiang', 6],
  ['pudong', 4],
  ['minhang', 4],
  ['changning', 2],
  ['suzhou', 3],
  ['hangzhou', 3],
  ['hefei', 2],
  ['jiaxing', 2],
  ['wuhu', 2],
];

export interface DemoEnterpriseRow {
  id: string;
  name: string;
  uscc: string;
  district: string;
  sector: string;
  sme: boolean;
  parentUscc: string | null;
  createdAt: Date;
}

export interface DemoEnterprise extends DemoEnterpriseRow {
  /** The markets it is heading for: the countries of its requests. */
  targets: readonly string[];
}

function targetsOf(sector: string, random: Random): readonly string[] {
  const profiles = SECTOR_PROFILES.filter((p) => p.sector === sector);
  return profiles.length > 0 ? random.pick(profiles).targets : ['SA', 'AE', 'VN'];
}

/** The hand-written enterprises of demo-enterprises.ts, then generated ones; every fifth is a subsidiary of the one before. */
export function generateEnterprises(seed: number, now: Date): DemoEnterprise[] {
  const random = new Random(seed);
  const created = () => new Date(now.getTime() - random.int(130, 400) * DAY_MS);
  const enterprises: DemoEnterprise[] = DEMO_ENTERPRISES.map((e) => ({ ...e, createdAt: created(), targets: targetsOf(e.sector, random) }));
  let index = 0;
  for (const [district, count] of PLACEMENTS) {
    for (let i = 0; i < count; i++, index++) {
      const parent = index % 5 === 4 ? enterprises.at(-1)! : null;
      const profile = random.pick(parent ? SECTOR_PROFILES.filter((p) => p.sector === parent.sector) : SECTOR_PROFILES);
      const name = brand(random);
      const word = random.pick(profile.words);
      const district_ = parent ? parent.district : district;
      const placeZh = findDistrict(district_)!
        .nameZh.replace(/[区市]$/, '')
        .replace('新片', '');
      enterprises.push({
        id: demoUuid(`enterprise:${index}`),
        name: `${placeZh}${name.zh}${word}有限公司${parent ? '（子公司）' : ''} ${DEMO_MARK}`,
        uscc: demoUscc(random, findDistrict(district_)!.adminCode ?? '310115'),
        district: district_,
        sector: parent ? parent.sector : profile.sector,
        sme: random.chance(0.7),
        parentUscc: parent ? parent.uscc : null,
        createdAt: created(),
        targets: parent ? parent.targets : profile.targets,
      });
    }
  }
  return enterprises;
}
