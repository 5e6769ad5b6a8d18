import { deepFreeze } from './freeze.js';
import type { Region } from './types.js';

/**
 * Groups of countries a programme may target (issue 28, "Programmes that target"). The Middle East
 * and ASEAN are the usual geographic lists. The Belt and Road list is the partners that signed a
 * cooperation document with China as published on the Belt and Road portal (yidaiyilu.gov.cn);
 * the portal's list changes, so this one is a curated subset, illustrative until checked against
 * the portal on the day a programme relies on it (docs/product.md, "What comes from where").
 */
export const REGIONS: readonly Region[] = deepFreeze([
  {
    code: 'middle_east',
    nameEn: 'Middle East',
    nameZh: '中东',
    countries: ['AE', 'BH', 'EG', 'IL', 'IQ', 'IR', 'JO', 'KW', 'LB', 'OM', 'PS', 'QA', 'SA', 'SY', 'TR', 'YE'],
  },
  { code: 'asean', nameEn: 'ASEAN', nameZh: '东盟', countries: ['BN', 'ID', 'KH', 'LA', 'MM', 'MY', 'PH', 'SG', 'TH', 'VN'] },
  {
    code: 'belt_and_road',
    nameEn: 'Belt and Road partner countries (curated subset)',
    nameZh: '共建“一带一路”国家（节选）',
    countries: [
      'AE',
      'AM',
      'AZ',
      'BD',
      'BH',
      'BN',
      'BY',
      'EG',
      'ET',
      'GE',
      'HU',
      'ID',
      'IQ',
      'IR',
      'KE',
      'KG',
      'KH',
      'KZ',
      'LA',
      'LK',
      'MM',
      'MN',
      'MY',
      'NG',
      'NP',
      'NZ',
      'OM',
      'PH',
      'PK',
      'PL',
      'QA',
      'RS',
      'RU',
      'SA',
      'SG',
      'TH',
      'TJ',
      'TR',
      'UZ',
      'VN',
      'ZA',
    ],
  },
]);

const REGION_BY_CODE: ReadonlyMap<string, Region> = new Map(REGIONS.map((r) => [r.code, r]));

export function findRegion(code: string): Region | undefined {
  return REGION_BY_CODE.get(code);
}

export function isRegionCode(code: string): boolean {
  return REGION_BY_CODE.has(code);
}
