import { G60_CITY_CODES } from '../../libs/reference-data/index.js';
import { demoUuid } from './demo-uuid.js';

export interface DemoAlliance {
  key: string;
  id: string;
  name: string;
  districts: string[];
  /** Vetted members, placed in these districts (count each). */
  placements: [district: string, count: number][];
  /** Share of members that are foreign professional firms' Shanghai offices. */
  foreignShare: number;
  /** Where its members mostly work (the G60 alliance looks to the Middle East). */
  focusCountries: string[];
}

const g60Placements: [string, number][] = G60_CITY_CODES.map((city) => [city, city === 'songjiang' ? 48 : 21]);

/** The alliances of docs/product.md "What Shanghai already does", with their published sizes. */
export const DEMO_ALLIANCES: readonly DemoAlliance[] = [
  {
    key: 'xuhui',
    id: demoUuid('alliance:xuhui'),
    name: '徐汇区企业出海服务联盟 Xuhui Outbound Service Alliance',
    districts: ['xuhui'],
    placements: [['xuhui', 21]],
    foreignShare: 0.15,
    focusCountries: [],
  },
  {
    key: 'jingan',
    id: demoUuid('alliance:jingan'),
    name: "静安区全球服务商计划 Jing'an Global Service Provider Programme",
    districts: ['jingan'],
    placements: [['jingan', 103]],
    foreignShare: 0.56,
    focusCountries: [],
  },
  {
    key: 'g60',
    id: demoUuid('alliance:g60'),
    name: 'G60科创走廊出海服务联盟 G60 S&T Innovation Corridor Outbound Service Alliance',
    districts: [...G60_CITY_CODES],
    placements: g60Placements,
    foreignShare: 0.05,
    focusCountries: ['SA', 'OM', 'AE'],
  },
  {
    key: 'lingang',
    id: demoUuid('alliance:lingang'),
    name: '临港新片区专业服务机构联盟 Lin-gang Professional Services Alliance',
    districts: ['lingang'],
    placements: [['lingang', 312]],
    foreignShare: 0.2,
    focusCountries: [],
  },
];

export function demoAlliance(key: 'xuhui' | 'jingan' | 'g60' | 'lingang'): DemoAlliance {
  return DEMO_ALLIANCES.find((a) => a.key === key)!;
}

/** Applicants the managers have not vetted yet, and members suspended: queues to look at. */
export const DEMO_PENDING = { xuhui: 6 } as const;
export const DEMO_SUSPENDED = { jingan: 3 } as const;
