import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { approvedShares, splitByShares, type FunderShare } from './funder-shares.js';

const g60: FunderShare[] = [
  { funder: 'songjiang', shareBps: 6000 },
  { funder: 'jiaxing', shareBps: 4000 },
];
const sum = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);

/** Up to nine funders whose shares sum to 10000. */
const funders = fc
  .array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 9 })
  .map((weights) => {
    const total = weights.reduce((s, w) => s + w, 0);
    const bps = weights.map((w) => Math.floor((w * 10_000) / total));
    bps[0]! += 10_000 - bps.reduce((s, b) => s + b, 0);
    return bps.map((shareBps, i) => ({ funder: `f${i}`, shareBps }));
  })
  .filter((fs) => fs.every((f) => f.shareBps > 0));

describe('funder shares', () => {
  it('splits 60/40 to the minor unit, the leftover unit to the first funder', () => {
    expect(splitByShares(10_001, g60)).toEqual(
      new Map([
        ['songjiang', 6001],
        ['jiaxing', 4000],
      ]),
    );
    expect(splitByShares(3, g60)).toEqual(
      new Map([
        ['songjiang', 2],
        ['jiaxing', 1],
      ]),
    );
  });

  it('refuses shares that do not sum to 10000', () => {
    expect(() => splitByShares(100, [{ funder: 'a', shareBps: 5000 }])).toThrow(RangeError);
  });

  it('any split sums exactly to the amount, each part within one unit of its share', () => {
    fc.assert(
      fc.property(funders, fc.integer({ min: 0, max: 1e12 }), (fs, amount) => {
        const parts = splitByShares(amount, fs);
        expect(sum(parts)).toBe(amount);
        for (const f of fs) expect(Math.abs(parts.get(f.funder)! - (amount * f.shareBps) / 10_000)).toBeLessThan(1 + 1e-6 * amount);
      }),
    );
  });

  it('an approval for less never approves more than a funder committed, and sums to what was approved', () => {
    fc.assert(
      fc.property(funders, fc.integer({ min: 1, max: 1e9 }), fc.double({ min: 0, max: 1, noNaN: true }), (fs, amount, kept) => {
        const committed = splitByShares(amount, fs);
        const approved = Math.floor(amount * kept);
        const parts = approvedShares(committed, approved, fs);
        expect(sum(parts)).toBe(approved);
        for (const f of fs) {
          expect(parts.get(f.funder)!).toBeGreaterThanOrEqual(0);
          expect(parts.get(f.funder)!).toBeLessThanOrEqual(committed.get(f.funder)!);
        }
      }),
    );
  });

  it('approving all keeps every part; rejecting releases every part', () => {
    const committed = splitByShares(10_001, g60);
    expect(approvedShares(committed, 10_001, g60)).toEqual(committed);
    expect(approvedShares(committed, 0, g60)).toEqual(
      new Map([
        ['songjiang', 0],
        ['jiaxing', 0],
      ]),
    );
  });
});
