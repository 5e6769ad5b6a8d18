import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { holdOutLatest, tuneWeights } from './index.js';

const sum = (w: Record<string, number>) => Object.values(w).reduce((a, b) => a + b, 0);

describe('tuneWeights', () => {
  it('climbs to the weights a concave objective peaks at', () => {
    const target = { a: 0.6, b: 0.3, c: 0.1 };
    const objective = (w: Record<string, number>) => -Object.keys(target).reduce((s, k) => s + (w[k]! - target[k as keyof typeof target]) ** 2, 0);
    const result = tuneWeights({ a: 1 / 3, b: 1 / 3, c: 1 / 3 }, objective);
    expect(result.weights.a).toBeCloseTo(0.6, 1);
    expect(result.weights.b).toBeCloseTo(0.3, 1);
    expect(result.value).toBeGreaterThan(result.startValue);
  });

  it('never leaves the simplex and never ends worse than it started', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), fc.integer({ min: 1, max: 1000 }), (raw, seed) => {
        const start = { x: raw[0]! + 0.01, y: raw[1]!, z: raw[2]! };
        const objective = (w: Record<string, number>) => Math.sin(seed * w.x! + 3 * w.y!) - w.z! * w.z!;
        const result = tuneWeights(start, objective, { steps: [0.1, 0.02], maxRounds: 5 });
        expect(sum(result.weights)).toBeCloseTo(1, 12);
        expect(Object.values(result.weights).every((w) => w >= 0)).toBe(true);
        expect(result.value).toBeGreaterThanOrEqual(result.startValue);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses negative or all-zero weights', () => {
    expect(() => tuneWeights({ a: -1, b: 1 }, () => 0)).toThrow(RangeError);
    expect(() => tuneWeights({ a: 0, b: 0 }, () => 0)).toThrow(RangeError);
  });
});

describe('holdOutLatest', () => {
  it('holds out the latest share by time, whatever order the items come in', () => {
    const items = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(holdOutLatest(items, (x) => x, 0.2)).toEqual({ train: [1, 2, 3, 4, 5, 6, 7, 8], holdout: [9, 10] });
  });

  it('holds out at least one of two or more, none of one', () => {
    expect(holdOutLatest([1, 2], (x) => x, 0.01).holdout).toEqual([2]);
    expect(holdOutLatest([1], (x) => x, 0.5)).toEqual({ train: [1], holdout: [] });
  });
});
