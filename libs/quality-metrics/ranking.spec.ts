import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { binaryNdcg, rankDistribution, rankingMetrics, rankOf, reciprocalRank } from './ranking.js';

const rankArb = fc.option(fc.integer({ min: 1, max: 50 }), { nil: null });

describe('binaryNdcg', () => {
  it('is 1 at rank 1, 0.5 at rank 3, 1/log2(3) at rank 2 and 1/log2(11) at rank 10', () => {
    expect(binaryNdcg(1)).toBe(1);
    expect(binaryNdcg(3)).toBe(0.5);
    expect(binaryNdcg(2)).toBeCloseTo(0.6309297535714574, 15);
    expect(binaryNdcg(10)).toBeCloseTo(0.2890648263178879, 15);
  });

  it('is 0 past the cut-off of 10 and for a provider the engine did not rank', () => {
    expect(binaryNdcg(11)).toBe(0);
    expect(binaryNdcg(null)).toBe(0);
    expect(binaryNdcg(11, 20)).toBeCloseTo(1 / Math.log2(12), 15);
  });

  it('refuses a rank below 1 or not a whole number', () => {
    expect(() => binaryNdcg(0)).toThrow(RangeError);
    expect(() => binaryNdcg(1.5)).toThrow(RangeError);
    expect(() => reciprocalRank(-1)).toThrow(RangeError);
  });
});

describe('reciprocalRank', () => {
  it('is 1/rank with no cut-off, 0 when not ranked', () => {
    expect(reciprocalRank(4)).toBe(0.25);
    expect(reciprocalRank(20)).toBe(0.05);
    expect(reciprocalRank(null)).toBe(0);
  });
});

describe('rankOf', () => {
  const ranking = [
    { providerId: 'a', rank: 1 },
    { providerId: 'b', rank: 2 },
    { providerId: 'c', rank: 3 },
  ];

  it('finds the awarded provider, or null when the ranking left it out', () => {
    expect(rankOf(ranking, 'c')).toBe(3);
    expect(rankOf(ranking, 'z')).toBeNull();
    expect(rankOf([], 'a')).toBeNull();
  });

  it('refuses a provider ranked twice and a rank below 1', () => {
    expect(() => rankOf([...ranking, { providerId: 'a', rank: 4 }], 'c')).toThrow(RangeError);
    expect(() => rankOf([{ providerId: 'a', rank: 0 }], 'a')).toThrow(RangeError);
  });
});

describe('rankingMetrics', () => {
  it('gives NDCG@10 0.75, MRR 2/3 and mean rank 2 for awards at ranks 1 and 3', () => {
    const metrics = rankingMetrics([1, 3]);
    expect(metrics.ndcgAt10).toBe(0.75);
    expect(metrics.mrr).toBeCloseTo(2 / 3, 15);
    expect(metrics.meanRank).toBe(2);
    expect(metrics).toMatchObject({ awarded: 2, ranked: 2 });
  });

  it('counts an unranked award as 0 in MRR and NDCG but leaves it out of the mean rank', () => {
    const metrics = rankingMetrics([1, null, 12, 2]);
    expect(metrics.awarded).toBe(4);
    expect(metrics.ranked).toBe(3);
    expect(metrics.meanRank).toBe(5); // (1 + 12 + 2) / 3
    expect(metrics.mrr).toBeCloseTo((1 + 0 + 1 / 12 + 1 / 2) / 4, 15); // 19/48
    expect(metrics.ndcgAt10).toBeCloseTo((1 + 0 + 0 + 1 / Math.log2(3)) / 4, 15);
    expect(metrics.distribution).toEqual({ byRank: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0], over10: 1, notRanked: 1 });
  });

  it('is null throughout with no awards, and the mean rank is null when no award was ranked', () => {
    expect(rankingMetrics([])).toEqual({
      awarded: 0,
      ranked: 0,
      meanRank: null,
      mrr: null,
      ndcgAt10: null,
      distribution: { byRank: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], over10: 0, notRanked: 0 },
    });
    expect(rankingMetrics([null, null])).toMatchObject({ meanRank: null, mrr: 0, ndcgAt10: 0 });
  });

  it('keeps NDCG@10 and MRR within [0, 1] and the histogram adding up to the awards', () => {
    fc.assert(
      fc.property(fc.array(rankArb, { minLength: 1, maxLength: 60 }), (ranks) => {
        const metrics = rankingMetrics(ranks);
        for (const value of [metrics.ndcgAt10!, metrics.mrr!]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        const { byRank, over10, notRanked } = rankDistribution(ranks);
        expect(byRank.reduce((a, b) => a + b, 0) + over10 + notRanked).toBe(ranks.length);
        expect(notRanked).toBe(ranks.length - metrics.ranked);
      }),
    );
  });

  it('scores 1 on both only when every award went to the top-ranked provider', () => {
    fc.assert(
      fc.property(fc.array(rankArb, { minLength: 1, maxLength: 30 }), (ranks) => {
        const allFirst = ranks.every((rank) => rank === 1);
        expect(rankingMetrics(ranks).ndcgAt10 === 1).toBe(allFirst);
        expect(rankingMetrics(ranks).mrr === 1).toBe(allFirst);
      }),
    );
  });
});
