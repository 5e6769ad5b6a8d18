import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { gini, lorenzCurve, totalsByMember } from './concentration.js';

const point = (memberShare: number, valueShare: number) => ({ memberShare, valueShare });

/** The textbook definition, Σᵢ Σⱼ |xᵢ − xⱼ| / (2·n²·mean), to check the sorted form against. */
function pairwiseGini(xs: number[]): number {
  const n = xs.length;
  const sum = xs.reduce((a, b) => a + b, 0);
  if (sum === 0) return 0;
  let differences = 0;
  for (const a of xs) for (const b of xs) differences += Math.abs(a - b);
  return differences / (2 * n * n * (sum / n));
}

const valuesArb = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 40 });

describe('gini', () => {
  it('is 0 when every member has the same, 0.75 when one of four has everything, 0.25 for 1, 2, 3, 4', () => {
    expect(gini([1, 1, 1, 1])).toBe(0);
    expect(gini([0, 0, 0, 4])).toBe(0.75);
    expect(gini([4, 0, 0, 0])).toBe(0.75);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 15);
  });

  it('is 0 with no members, one member, or nothing to share', () => {
    expect(gini([])).toBe(0);
    expect(gini([7])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
  });

  it('gives (n − 1)/n when one member of n holds everything', () => {
    expect(gini([0, 0, 0, 0, 0, 0, 0, 0, 0, 9])).toBeCloseTo(0.9, 15);
  });

  it('refuses a negative or non-finite value', () => {
    expect(() => gini([1, -1])).toThrow(RangeError);
    expect(() => gini([1, Number.NaN])).toThrow(RangeError);
    expect(() => gini([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it('stays finite for values whose sum overflows a double', () => {
    expect(gini([Number.MAX_VALUE, Number.MAX_VALUE, 0, 0])).toBeCloseTo(0.5, 12);
  });

  it('lies in [0, 1) and agrees with the pairwise definition', () => {
    fc.assert(
      fc.property(valuesArb, (xs) => {
        const g = gini(xs);
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThan(1);
        expect(g).toBeCloseTo(pairwiseGini(xs), 9);
      }),
    );
  });

  it('does not change when every value is scaled or the members are reordered', () => {
    fc.assert(
      fc.property(valuesArb, fc.integer({ min: 1, max: 1000 }), (xs, k) => {
        expect(gini(xs.map((x) => x * k))).toBeCloseTo(gini(xs), 9);
        expect(gini([...xs].reverse())).toBeCloseTo(gini(xs), 12);
      }),
    );
  });
});

describe('lorenzCurve', () => {
  it('climbs only at the end when one member of four has everything', () => {
    expect(lorenzCurve([0, 4, 0, 0])).toEqual([point(0, 0), point(0.25, 0), point(0.5, 0), point(0.75, 0), point(1, 1)]);
  });

  it('gives the cumulative shares of 1, 2, 3, 4 in ascending order', () => {
    const curve = lorenzCurve([3, 1, 4, 2]);
    expect(curve.map((p) => p.memberShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const expected = [0, 0.1, 0.3, 0.6, 1];
    curve.forEach((p, i) => expect(p.valueShare).toBeCloseTo(expected[i]!, 15));
  });

  it('is the line of equality when everyone has the same or there is nothing to share', () => {
    const equality = [point(0, 0), point(1 / 3, 1 / 3), point(2 / 3, 2 / 3), point(1, 1)];
    expect(lorenzCurve([5, 5, 5])).toEqual(equality);
    expect(lorenzCurve([0, 0, 0])).toEqual(equality);
    expect(lorenzCurve([])).toEqual([point(0, 0), point(1, 1)]);
  });

  it('starts at (0, 0), ends exactly at (1, 1), never falls and stays on or below the line of equality', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e15, noNaN: true }), { maxLength: 40 }), (xs) => {
        const curve = lorenzCurve(xs);
        expect(curve).toHaveLength(Math.max(xs.length, 1) + 1);
        expect(curve[0]).toEqual(point(0, 0));
        expect(curve.at(-1)).toEqual(point(1, 1));
        for (let i = 1; i < curve.length; i++) {
          expect(curve[i]!.memberShare).toBeGreaterThan(curve[i - 1]!.memberShare);
          expect(curve[i]!.valueShare).toBeGreaterThanOrEqual(curve[i - 1]!.valueShare);
          expect(curve[i]!.valueShare).toBeLessThanOrEqual(curve[i]!.memberShare + 1e-12);
        }
      }),
    );
  });

  it('encloses an area with the line of equality that is half the Gini coefficient', () => {
    fc.assert(
      fc.property(valuesArb, (xs) => {
        const curve = lorenzCurve(xs);
        let area = 0;
        for (let i = 1; i < curve.length; i++) {
          area += ((curve[i]!.memberShare - curve[i - 1]!.memberShare) * (curve[i]!.valueShare + curve[i - 1]!.valueShare)) / 2;
        }
        expect(1 - 2 * area).toBeCloseTo(gini(xs), 9);
      }),
    );
  });
});

describe('totalsByMember', () => {
  it('gives every member a total, 0 without entries, leaving out non-members and repeated members', () => {
    const entries = [
      { providerId: 'b', amount: 2 },
      { providerId: 'gone', amount: 50 },
      { providerId: 'b', amount: 3 },
    ];
    expect(totalsByMember(['a', 'b', 'c', 'a'], entries)).toEqual([0, 5, 0]);
  });
});
