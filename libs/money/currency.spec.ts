import { describe, expect, it } from '@jest/globals';
import { currencyMinorUnits, isCurrencyCode, listCurrencies } from './currency.js';

describe('isCurrencyCode', () => {
  it.each(['CNY', 'USD', 'EUR', 'JPY', 'KWD', 'HKD'])('knows %s', (code) => {
    expect(isCurrencyCode(code)).toBe(true);
  });

  it.each(['cny', 'Cny', 'RMB', 'ABC', 'CN', 'CNYY', ' CNY', ''])('does not accept %p', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
  });
});

describe('currencyMinorUnits', () => {
  it.each([
    ['CNY', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
  ])('gives %s %i decimal places', (code, places) => {
    expect(currencyMinorUnits(code)).toBe(places);
  });

  it('counts whole units for codes ISO lists without a minor unit (gold, SDR, testing, no currency)', () => {
    for (const code of ['XAU', 'XDR', 'XTS', 'XXX']) expect(currencyMinorUnits(code)).toBe(0);
  });

  it.each(['RMB', 'cny', ''])('throws RangeError for %p', (code) => {
    expect(() => currencyMinorUnits(code)).toThrow(RangeError);
  });
});

describe('listCurrencies', () => {
  const list = listCurrencies();

  it('lists every code once, sorted by code', () => {
    const codes = list.map((c) => c.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(150);
  });

  it('agrees with isCurrencyCode and currencyMinorUnits for every entry', () => {
    for (const { code, name, minorUnits } of list) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect(isCurrencyCode(code)).toBe(true);
      expect(currencyMinorUnits(code)).toBe(minorUnits);
      expect(Number.isInteger(minorUnits) && minorUnits >= 0 && minorUnits <= 4).toBe(true);
      expect(name).toBe(name.trim());
      expect(name.length).toBeGreaterThan(0);
    }
  });

  it('names the renminbi', () => {
    expect(list.find((c) => c.code === 'CNY')).toEqual({ code: 'CNY', name: 'Yuan Renminbi', minorUnits: 2 });
  });

  it('hands out copies, so a caller cannot change the next answer', () => {
    const first = listCurrencies();
    first[0]!.minorUnits = 99;
    first.pop();
    expect(listCurrencies()).toEqual(list);
  });
});
