import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { listCurrencies } from './currency.js';
import { toMajorUnits } from './major-units.js';
import { money } from './money.js';

describe('toMajorUnits', () => {
  it.each([
    [30_000_000, 'CNY', '300000.00'],
    [1500, 'JPY', '1500'],
    [1234, 'KWD', '1.234'],
    [5, 'CNY', '0.05'],
    [0, 'CNY', '0.00'],
    [0, 'JPY', '0'],
    [1, 'CLF', '0.0001'],
    [Number.MAX_SAFE_INTEGER, 'USD', '90071992547409.91'],
  ])('writes %i %s as %s', (amount, currency, text) => {
    expect(toMajorUnits(money(amount, currency))).toBe(text);
  });

  it('refuses an amount or currency that is not money', () => {
    expect(() => toMajorUnits({ amount: -5, currency: 'CNY' })).toThrow(RangeError);
    expect(() => toMajorUnits({ amount: 5, currency: 'RMB' })).toThrow(RangeError);
  });

  it('round-trips: the digits read back as the same amount with the currency’s decimal places', () => {
    fc.assert(
      fc.property(fc.constantFrom(...listCurrencies()), fc.maxSafeNat(), ({ code, minorUnits }, amount) => {
        const text = toMajorUnits(money(amount, code));
        const pattern = minorUnits === 0 ? /^(0|[1-9]\d*)$/ : new RegExp(`^(0|[1-9]\\d*)\\.\\d{${minorUnits}}$`);
        expect(text).toMatch(pattern);
        const [whole, fraction = ''] = text.split('.');
        expect(BigInt(whole! + fraction)).toBe(BigInt(amount));
        expect(BigInt(whole!)).toBe(BigInt(amount) / 10n ** BigInt(minorUnits));
      }),
    );
  });
});
