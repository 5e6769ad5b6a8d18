import { describe, expect, it } from '@jest/globals';
import {
  AWARD_HISTORY,
  AWARD_INVITED,
  generateMarket,
  LEARNED_SHAPES,
  MARKET_SHAPES,
  ndcgAt,
  Random,
  ratingOnlyRanking,
  reciprocalRankOfBest,
  simulateAward,
  trueUtility,
} from './index.js';

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

describe('the award history', () => {
  const shape = LEARNED_SHAPES.find((s) => s.name === 'language-led')!;
  const market = generateMarket(shape);
  const providers = new Map(market.providers.map((p) => [p.key, p]));

  it('gives every shape its earlier requests, leaving its providers and evaluated requests as they were', () => {
    expect(market.awardRequests).toHaveLength(AWARD_HISTORY);
    const today = generateMarket(MARKET_SHAPES[0]!);
    expect(today.requests[0]!.key).toBe('r0');
    expect(today.awardRequests[0]!.key).toBe('a0');
  });

  it('awards one of the invited bidders, mostly the one of highest hidden utility', () => {
    const random = new Random(5);
    let best = 0;
    let awarded = 0;
    for (const request of market.awardRequests) {
      const ranking = market.providers.slice(0, 20).map((p) => p.key);
      const award = simulateAward(shape, request, ranking, providers, random);
      expect(award.invited).toHaveLength(AWARD_INVITED);
      if (award.awarded === null) continue;
      awarded++;
      expect(award.bidders).toContain(award.awarded);
      expect(award.rating).toBeGreaterThanOrEqual(1);
      const utility = (key: string) => trueUtility(shape, request, providers.get(key)!);
      if (award.bidders.every((key) => utility(key) <= utility(award.awarded!))) best++;
    }
    expect(awarded).toBeGreaterThan(AWARD_HISTORY * 0.9);
    expect(best / awarded).toBeGreaterThan(0.5);
  });
});
