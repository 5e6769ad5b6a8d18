import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { assertMinorUnits } from './minor-units.js';
import { money } from './money.js';

describe('assertMinorUnits', () => {
  it('accepts every non-negative safe integer', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (a) => expect(() => assertMinorUnits(a)).not.toThrow()));
  });

  it.each([-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p, which is not a non-negative safe integer', (bad) => {
    expect(() => assertMinorUnits(bad)).toThrow(RangeError);
  });
});

describe('money', () => {
  it('builds 300,000 RMB as 30000000 fen', () => {
    expect(money(30_000_000, 'CNY')).toEqual({ amount: 30_000_000, currency: 'CNY' });
  });

  it('refuses a negative or fractional amount', () => {
    expect(() => money(-1, 'CNY')).toThrow(RangeError);
    expect(() => money(0.5, 'CNY')).toThrow(RangeError);
  });

  it.each(['cny', 'RMB', 'CN', 'CNYY', ''])('refuses %p, which is not an ISO 4217 code', (bad) => {
    expect(() => money(100, bad)).toThrow(RangeError);
  });
});
