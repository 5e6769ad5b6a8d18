import { describe, expect, it } from '@jest/globals';
import {
  CATEGORIES,
  COUNTRIES,
  DISTRICTS,
  G60_CITY_CODES,
  SECTORS,
  categoryOfService,
  findCategory,
  findCountry,
  findDistrict,
  isCategoryCode,
  isCountryCode,
  isDistrictCode,
  isSectorCode,
  isServiceCode,
  sectionOfSector,
  type Named,
} from './index.js';

const codesOf = (list: readonly Named[]) => list.map((item) => item.code);
const duplicates = (codes: readonly string[]) => codes.filter((code, i) => codes.indexOf(code) !== i);

const SERVICES = CATEGORIES.flatMap((c) => c.services);
const DIVISIONS = SECTORS.flatMap((s) => s.divisions);

describe('countries', () => {
  it('names Saudi Arabia in English and Chinese', () => {
    expect(findCountry('SA')).toEqual({ code: 'SA', nameEn: 'Saudi Arabia', nameZh: '沙特阿拉伯' });
    expect(findCountry('OM')).toEqual({ code: 'OM', nameEn: 'Oman', nameZh: '阿曼' });
  });

  it('uses the short names people search for', () => {
    expect(findCountry('CN')?.nameEn).toBe('China');
    expect(findCountry('RU')?.nameEn).toBe('Russia');
    expect(findCountry('US')?.nameEn).toBe('United States');
  });

  it('accepts only exact upper-case ISO 3166-1 alpha-2 codes', () => {
    expect(isCountryCode('SA')).toBe(true);
    expect(isCountryCode('sa')).toBe(false);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('SAU')).toBe(false);
    expect(isCountryCode('XK')).toBe(false);
    expect(findCountry('sa')).toBeUndefined();
  });

  it('lists every ISO 3166-1 country once, sorted by code', () => {
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(249);
    expect(COUNTRIES.length).toBeLessThanOrEqual(250);
    const codes = codesOf(COUNTRIES);
    expect(codes).toEqual([...codes].sort());
    expect(codes.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
  });
});

describe('service taxonomy', () => {
  it('has the categories of docs/product.md', () => {
    expect(codesOf(CATEGORIES)).toEqual([
      'legal',
      'accounting_tax',
      'consulting',
      'insurance',
      'ip',
      'certification',
      'hr',
      'it_digital',
      'finance',
      'logistics_customs',
      'security',
    ]);
  });

  it('offers ODI filing under legal', () => {
    expect(codesOf(findCategory('legal')!.services)).toContain('odi_filing');
    expect(findCategory('legal')!.services.find((s) => s.code === 'odi_filing')?.nameZh).toBe('境外投资（ODI）备案');
  });

  it('gives every service a code unique across all categories that resolves to its category', () => {
    expect(duplicates(codesOf(SERVICES))).toEqual([]);
    for (const category of CATEGORIES) {
      for (const service of category.services) {
        expect([service.code, categoryOfService(service.code)]).toEqual([service.code, category.code]);
        expect(isServiceCode(service.code)).toBe(true);
      }
    }
  });

  it('keeps IP valuation and business valuation apart', () => {
    expect(categoryOfService('ip_valuation')).toBe('ip');
    expect(categoryOfService('business_valuation')).toBe('accounting_tax');
  });

  it('refuses unknown category and service codes', () => {
    expect(isCategoryCode('legal')).toBe(true);
    expect(isCategoryCode('Legal')).toBe(false);
    expect(isServiceCode('legal')).toBe(false);
    expect(isServiceCode('odi')).toBe(false);
    expect(categoryOfService('nope')).toBeUndefined();
    expect(findCategory('nope')).toBeUndefined();
  });

  it('uses snake_case codes', () => {
    expect([...codesOf(CATEGORIES), ...codesOf(SERVICES)].every((code) => /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(code))).toBe(true);
  });
});

describe('sectors (GB/T 4754-2017)', () => {
  it('has 20 sections A–T holding 97 divisions numbered 01–97', () => {
    expect(codesOf(SECTORS)).toEqual('ABCDEFGHIJKLMNOPQRST'.split(''));
    expect(codesOf(DIVISIONS)).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('puts each division in the section the standard gives it', () => {
    const counts = Object.fromEntries(SECTORS.map((s) => [s.code, s.divisions.length]));
    expect(counts).toEqual({ A: 5, B: 7, C: 31, D: 3, E: 4, F: 2, G: 8, H: 2, I: 3, J: 4, K: 1, L: 2, M: 3, N: 4, O: 3, P: 1, Q: 2, R: 5, S: 6, T: 1 });
    const manufacturing = SECTORS.find((s) => s.code === 'C')!;
    expect(manufacturing.divisions).toContainEqual(expect.objectContaining({ code: '36', nameZh: '汽车制造业' }));
    expect(manufacturing.divisions).toContainEqual(expect.objectContaining({ code: '38', nameZh: '电气机械和器材制造业' }));
  });

  it('accepts a section letter or a division code, nothing else', () => {
    expect(isSectorCode('C')).toBe(true);
    expect(isSectorCode('36')).toBe(true);
    expect(isSectorCode('01')).toBe(true);
    expect(isSectorCode('97')).toBe(true);
    expect(isSectorCode('99')).toBe(false);
    expect(isSectorCode('1')).toBe(false);
    expect(isSectorCode('c')).toBe(false);
    expect(isSectorCode('U')).toBe(false);
    expect(isSectorCode('C36')).toBe(false);
  });

  it('finds the section of a division or of a section', () => {
    expect(sectionOfSector('36')).toBe('C');
    expect(sectionOfSector('C')).toBe('C');
    expect(sectionOfSector('65')).toBe('I');
    expect(sectionOfSector('97')).toBe('T');
    expect(sectionOfSector('99')).toBeUndefined();
  });
});

describe('districts', () => {
  it('has 16 Shanghai districts, Lingang and Hongqiao as areas, and 8 G60 cities', () => {
    expect(DISTRICTS.filter((d) => d.kind === 'district' && d.city === 'Shanghai')).toHaveLength(16);
    expect(DISTRICTS.filter((d) => d.kind === 'area').map((d) => d.code)).toEqual(['lingang', 'hongqiao']);
    expect(DISTRICTS.filter((d) => d.kind === 'city')).toHaveLength(8);
  });

  it('carries GB/T 2260 codes for districts and cities, none for areas', () => {
    expect(findDistrict('xuhui')).toEqual({
      code: 'xuhui',
      nameEn: 'Xuhui District',
      nameZh: '徐汇区',
      city: 'Shanghai',
      kind: 'district',
      adminCode: '310104',
    });
    expect(findDistrict('jingan')?.adminCode).toBe('310106');
    expect(findDistrict('pudong')?.adminCode).toBe('310115');
    expect(findDistrict('songjiang')?.adminCode).toBe('310117');
    expect(findDistrict('suzhou')).toEqual(expect.objectContaining({ kind: 'city', city: 'Suzhou', adminCode: '320500' }));
    expect(findDistrict('lingang')?.adminCode).toBeNull();
    for (const d of DISTRICTS.filter((d) => d.kind === 'district')) expect(d.adminCode).toMatch(/^31\d{4}$/);
    for (const d of DISTRICTS.filter((d) => d.kind === 'city')) expect(d.adminCode).toMatch(/^\d{4}00$/);
  });

  it('names the nine G60 cities, Songjiang among them', () => {
    expect(G60_CITY_CODES).toHaveLength(9);
    expect(G60_CITY_CODES).toContain('songjiang');
    expect(G60_CITY_CODES.every(isDistrictCode)).toBe(true);
  });

  it('uses lower-case ascii slugs and refuses unknown ones', () => {
    expect(DISTRICTS.every((d) => /^[a-z]+$/.test(d.code))).toBe(true);
    expect(isDistrictCode('xuhui')).toBe(true);
    expect(isDistrictCode('Xuhui')).toBe(false);
    expect(findDistrict('beijing')).toBeUndefined();
  });
});

describe('every list', () => {
  const lists: [string, readonly Named[]][] = [
    ['countries', COUNTRIES],
    ['categories', CATEGORIES],
    ['services', SERVICES],
    ['sectors', [...SECTORS, ...DIVISIONS]],
    ['districts', DISTRICTS],
  ];

  it.each(lists)('has no duplicate codes in %s', (_, list) => {
    expect(duplicates(codesOf(list))).toEqual([]);
  });

  it.each(lists)('names every entry in both languages in %s', (_, list) => {
    const unnamed = list.filter((item) => item.nameEn.trim() === '' || item.nameZh.trim() === '').map((item) => item.code);
    expect(unnamed).toEqual([]);
    // A Chinese name holds at least one CJK character; an English one none.
    expect(list.filter((item) => !/\p{Script=Han}/u.test(item.nameZh)).map((item) => item.code)).toEqual([]);
    expect(list.filter((item) => /\p{Script=Han}/u.test(item.nameEn)).map((item) => item.code)).toEqual([]);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(COUNTRIES[0])).toBe(true);
    expect(Object.isFrozen(findCategory('legal')!.services)).toBe(true);
    expect(Object.isFrozen(SECTORS)).toBe(true);
  });
});
