import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyRateDown } from './rate.js';

const amount = fc.maxSafeNat();
const rate = fc.integer({ min: 0, max: 10_000 });

describe('applyRateDown', () => {
  it('gives 90,000 RMB for 30% of 300,000 RMB', () => {
    expect(applyRateDown(30_000_000, 3000)).toBe(9_000_000);
  });

  it('drops a fraction of a fen instead of rounding up', () => {
    expect(applyRateDown(333, 3000)).toBe(99);
  });

  it('stays exact where amount × rate passes 2^53', () => {
    expect(applyRateDown(9_000_000_000_000, 5000)).toBe(4_500_000_000_000);
    expect(applyRateDown(Number.MAX_SAFE_INTEGER, 9999)).toBe(Number((BigInt(Number.MAX_SAFE_INTEGER) * 9999n) / 10_000n));
  });

  it('never exceeds amount × rate / 10000 and falls short of it by less than one minor unit', () => {
    fc.assert(
      fc.property(amount, rate, (a, r) => {
        const share = BigInt(applyRateDown(a, r));
        const exactTimes10000 = BigInt(a) * BigInt(r);
        expect(share * 10_000n <= exactTimes10000).toBe(true);
        expect(exactTimes10000 < (share + 1n) * 10_000n).toBe(true);
      }),
    );
  });

  it('never gives less for a larger amount', () => {
    fc.assert(
      fc.property(amount, amount, rate, (x, y, r) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        expect(applyRateDown(low, r)).toBeLessThanOrEqual(applyRateDown(high, r));
      }),
    );
  });

  it('never gives less for a higher rate', () => {
    fc.assert(
      fc.property(amount, rate, rate, (a, x, y) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        expect(applyRateDown(a, low)).toBeLessThanOrEqual(applyRateDown(a, high));
      }),
    );
  });

  it('gives nothing at 0 bps and the whole amount at 10000 bps', () => {
    fc.assert(
      fc.property(amount, (a) => {
        expect(applyRateDown(a, 0)).toBe(0);
        expect(applyRateDown(a, 10_000)).toBe(a);
      }),
    );
  });

  it.each([-1, 10_001, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a rate of %p bps', (bad) => {
    expect(() => applyRateDown(100, bad)).toThrow(RangeError);
  });

  it.each([-1, 0.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN])('refuses an amount of %p', (bad) => {
    expect(() => applyRateDown(bad, 3000)).toThrow(RangeError);
  });
});
