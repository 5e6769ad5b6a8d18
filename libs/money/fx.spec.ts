import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { convertBackDown, convertDown, isRateStale, isRateText, minorUnitFactor } from './fx.js';

const usd = { from: 'USD', to: 'CNY', perUnit: '7.1234' };

describe('fx', () => {
  it('converts exactly, rounding down both ways', () => {
    expect(convertDown(5_000_000, usd)).toBe(35_617_000);
    expect(convertBackDown(10_685_100, usd)).toBe(1_500_000);
    expect(convertBackDown(30_000_000, usd)).toBe(4_211_472);
    expect(convertDown(1, { from: 'JPY', to: 'CNY', perUnit: '0.047' })).toBe(4);
    expect(convertDown(1000, { from: 'KWD', to: 'CNY', perUnit: '23.5' })).toBe(2350);
  });

  // Up to a billion yuan in fen: at the smallest rate (0.0001) converting back multiplies by 10,000 and stays a safe integer.
  it('never gives back more than it took', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 }), fc.integer({ min: 1, max: 99_999_999 }), (amount, rate) => {
        const r = { from: 'USD', to: 'CNY', perUnit: `${Math.floor(rate / 10_000)}.${String(rate % 10_000).padStart(4, '0')}` };
        if (!isRateText(r.perUnit)) return;
        expect(convertDown(convertBackDown(amount, r), r)).toBeLessThanOrEqual(amount);
      }),
    );
  });

  it('reads rates and their age', () => {
    expect(minorUnitFactor(usd)).toBe('7.1234');
    expect(minorUnitFactor({ from: 'JPY', to: 'CNY', perUnit: '0.047' })).toBe('4.7');
    expect(minorUnitFactor({ from: 'KWD', to: 'CNY', perUnit: '23.5' })).toBe('2.35');
    expect(isRateText('7.1234')).toBe(true);
    expect(isRateText('0')).toBe(false);
    expect(isRateText('7,1')).toBe(false);
    expect(isRateText('1e3')).toBe(false);
    expect(isRateStale('2026-12-01', new Date('2026-12-08T10:00:00Z'), 7)).toBe(false);
    expect(isRateStale('2026-11-30', new Date('2026-12-08T10:00:00Z'), 7)).toBe(true);
  });
});
