import { deepFreeze } from './freeze.js';
import type { District } from './types.js';

type Row = readonly [code: string, nameEn: string, nameZh: string, adminCode: string];

// Shanghai's 16 districts with their GB/T 2260 county-level codes, in code order.
const SHANGHAI_DISTRICTS: readonly Row[] = [
  ['huangpu', 'Huangpu District', '黄浦区', '310101'],
  ['xuhui', 'Xuhui District', '徐汇区', '310104'],
  ['changning', 'Changning District', '长宁区', '310105'],
  ['jingan', "Jing'an District", '静安区', '310106'],
  ['putuo', 'Putuo District', '普陀区', '310107'],
  ['hongkou', 'Hongkou District', '虹口区', '310109'],
  ['yangpu', 'Yangpu District', '杨浦区', '310110'],
  ['minhang', 'Minhang District', '闵行区', '310112'],
  ['baoshan', 'Baoshan District', '宝山区', '310113'],
  ['jiading', 'Jiading District', '嘉定区', '310114'],
  ['pudong', 'Pudong New Area', '浦东新区', '310115'],
  ['jinshan', 'Jinshan District', '金山区', '310116'],
  ['songjiang', 'Songjiang District', '松江区', '310117'],
  ['qingpu', 'Qingpu District', '青浦区', '310118'],
  ['fengxian', 'Fengxian District', '奉贤区', '310120'],
  ['chongming', 'Chongming District', '崇明区', '310151'],
];

// Functional areas with their own sub-platforms ("1+(3+15)+X"); they span several districts, so
// they have no administrative code of their own.
const SHANGHAI_AREAS: readonly (readonly [code: string, nameEn: string, nameZh: string])[] = [
  ['lingang', 'Lin-gang Special Area', '临港新片区'],
  ['hongqiao', 'Hongqiao International Central Business District', '虹桥国际中央商务区'],
];

// G60 Science and Technology Innovation Corridor cities outside Shanghai (Songjiang is the ninth),
// with their GB/T 2260 prefecture-level codes.
const G60_CITIES: readonly Row[] = [
  ['suzhou', 'Suzhou', '苏州市', '320500'],
  ['jiaxing', 'Jiaxing', '嘉兴市', '330400'],
  ['hangzhou', 'Hangzhou', '杭州市', '330100'],
  ['jinhua', 'Jinhua', '金华市', '330700'],
  ['huzhou', 'Huzhou', '湖州市', '330500'],
  ['xuancheng', 'Xuancheng', '宣城市', '341800'],
  ['wuhu', 'Wuhu', '芜湖市', '340200'],
  ['hefei', 'Hefei', '合肥市', '340100'],
];

export const DISTRICTS: readonly District[] = deepFreeze([
  ...SHANGHAI_DISTRICTS.map(([code, nameEn, nameZh, adminCode]): District => ({ code, nameEn, nameZh, city: 'Shanghai', kind: 'district', adminCode })),
  ...SHANGHAI_AREAS.map(([code, nameEn, nameZh]): District => ({ code, nameEn, nameZh, city: 'Shanghai', kind: 'area', adminCode: null })),
  ...G60_CITIES.map(([code, nameEn, nameZh, adminCode]): District => ({ code, nameEn, nameZh, city: nameEn, kind: 'city', adminCode })),
]);

/** The nine cities of the G60 corridor: Songjiang (a Shanghai district) and the eight others. */
export const G60_CITY_CODES: readonly string[] = Object.freeze(['songjiang', ...G60_CITIES.map(([code]) => code)]);

const DISTRICT_BY_CODE: ReadonlyMap<string, District> = new Map(DISTRICTS.map((d) => [d.code, d]));

export function findDistrict(code: string): District | undefined {
  return DISTRICT_BY_CODE.get(code);
}

export function isDistrictCode(code: string): boolean {
  return DISTRICT_BY_CODE.has(code);
}

/** A city's code from its reference name (`Shanghai` → `shanghai`): a coordinator's `org`. */
export const cityCode = (city: string): string => city.toLowerCase().replace(/[^a-z]+/g, '_');

/** The district, area and city codes of a city (`shanghai` → its 16 districts and 2 areas). */
export function districtsOfCity(city: string): string[] {
  return DISTRICTS.filter((d) => cityCode(d.city) === city).map((d) => d.code);
}

/** A city a coordinator may act for: Shanghai, or one of the other G60 cities. */
export function isCityCode(city: string): boolean {
  return DISTRICTS.some((d) => cityCode(d.city) === city);
}
