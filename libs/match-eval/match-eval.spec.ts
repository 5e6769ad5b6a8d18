import { describe, expect, it } from '@jest/globals';
import { generateMarket, MARKET_SHAPES, ndcgAt, Random, ratingOnlyRanking, reciprocalRankOfBest, trueUtility } from './index.js';

describe('the synthetic market', () => {
  const shape = MARKET_SHAPES[0]!;

  it('is the same for the same seed', () => {
    expect(generateMarket(shape)).toEqual(generateMarket(shape));
    expect(generateMarket({ ...shape, seed: shape.seed + 1 })).not.toEqual(generateMarket(shape));
  });

  it('shows quality only through history: better providers are rated higher on average', () => {
    const { providers } = generateMarket(shape);
    const meanRating = (ps: typeof providers) => {
      const ratings = ps.flatMap((p) => p.past.flatMap((i) => (i.outcome === 'completed' && i.rating !== null ? [i.rating] : [])));
      return ratings.reduce((a, b) => a + b, 0) / ratings.length;
    };
    expect(meanRating(providers.filter((p) => p.quality > 0.6))).toBeGreaterThan(meanRating(providers.filter((p) => p.quality < 0.4)) + 1);
    expect(providers.filter((p) => p.past.length === 0).length / providers.length).toBeCloseTo(shape.newcomers, 1);
  });

  it('mixes fit and quality in the true utility as the shape says', () => {
    const { providers, requests } = generateMarket({ ...shape, fitShare: 0 });
    expect(trueUtility({ ...shape, fitShare: 0 }, requests[0]!, providers[0]!)).toBe(providers[0]!.quality);
  });
});

describe('ranking metrics', () => {
  const gain = new Map([
    ['a', 1],
    ['b', 0.5],
    ['c', 0],
  ]);

  it('gives 1 to the ideal order and less to any other', () => {
    expect(ndcgAt(['a', 'b', 'c'], gain)).toBe(1);
    expect(ndcgAt(['c', 'b', 'a'], gain)).toBeCloseTo((0.5 / Math.log2(3) + 1 / 2) / (1 + 0.5 / Math.log2(3)), 12);
  });

  it('cuts off at k', () => {
    expect(ndcgAt(['c', 'b', 'a'], gain, 1)).toBe(0);
  });

  it('takes the reciprocal rank of the truly best provider', () => {
    expect(reciprocalRankOfBest(['b', 'c', 'a'], gain)).toBeCloseTo(1 / 3, 12);
  });

  it('ranks by raw mean rating with the unrated last', () => {
    const ratings = new Map([
      ['a', { count: 1, sum: 5 }],
      ['b', { count: 40, sum: 192 }],
    ]);
    expect(ratingOnlyRanking(['c', 'b', 'a'], ratings, new Random(1))).toEqual(['a', 'b', 'c']);
  });
});
