import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mean, median, percentile } from './stats.js';

const oneToTen = [7, 3, 10, 1, 5, 2, 9, 4, 8, 6];

describe('percentile', () => {
  it('interpolates linearly between closest ranks: p90 of 1..10 is 9.1, of 10..50 by tens is 46', () => {
    // h = 9 × 0.9 = 8.1 → x[8] + 0.1 × (x[9] − x[8]) = 9 + 0.1.
    expect(percentile(oneToTen, 0.9)).toBeCloseTo(9.1, 12);
    // h = 4 × 0.9 = 3.6 → 40 + 0.6 × 10.
    expect(percentile([50, 10, 40, 20, 30], 0.9)).toBeCloseTo(46, 12);
  });

  it('gives the smallest at p = 0, the largest at p = 1 and the only value of a single list', () => {
    expect(percentile(oneToTen, 0)).toBe(1);
    expect(percentile(oneToTen, 1)).toBe(10);
    expect(percentile([42], 0.9)).toBe(42);
  });

  it('is null for no values', () => {
    expect(percentile([], 0.9)).toBeNull();
  });

  it('refuses p outside [0, 1] and a value that is not finite', () => {
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
    expect(() => percentile([1], -0.1)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 0.5)).toThrow(RangeError);
    expect(() => percentile([1, Number.POSITIVE_INFINITY], 0.5)).toThrow(RangeError);
  });

  it('lies between the smallest and largest value and never falls as p rises', () => {
    const values = fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 40 });
    const p = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(values, p, p, (xs, p1, p2) => {
        const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const a = percentile(xs, lo)!;
        const b = percentile(xs, hi)!;
        expect(a).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(b).toBeLessThanOrEqual(Math.max(...xs));
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });
});

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median(oneToTen)).toBe(5.5);
    expect(median([])).toBeNull();
  });
});

describe('mean', () => {
  it('averages, and is null for no values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNull();
  });
});
