import { describe, expect, it } from '@jest/globals';
import { gainOf, generateMarket, MARKET_SHAPES, posteriorExpectedGain, posteriorOfQuality, posteriorQuality } from './index.js';

describe('the posterior of quality', () => {
  const shape = MARKET_SHAPES[0]!;
  const experienced = generateMarket(shape).providers.filter((p) => p.past.length > 0);
  const meanSquaredError = (estimate: (p: (typeof experienced)[number]) => number) =>
    experienced.reduce((sum, p) => sum + (estimate(p) - p.quality) ** 2, 0) / experienced.length;

  it('is the prior mean without history', () => {
    expect(posteriorQuality({ ...experienced[0]!, past: [] }, shape)).toBe(0.5);
  });

  it('is calibrated: on average it neither over- nor underestimates', () => {
    const bias = experienced.reduce((sum, p) => sum + posteriorQuality(p, shape) - p.quality, 0) / experienced.length;
    expect(Math.abs(bias)).toBeLessThan(0.02);
  });

  it('estimates quality better than the prior alone and than the shrunk mean rating', () => {
    const shrunkRating = (p: (typeof experienced)[number]) => {
      const stars = p.past.flatMap((i) => (i.rating === null ? [] : [i.rating]));
      const rating = (5 * 4 + stars.reduce((a, b) => a + b, 0)) / (5 + stars.length);
      return (rating - 2.5) / 2.5;
    };
    const posterior = meanSquaredError((p) => posteriorQuality(p, shape));
    expect(posterior).toBeLessThan(meanSquaredError(() => 0.5) / 2);
    expect(posterior).toBeLessThan(meanSquaredError(shrunkRating));
  });
});

describe('the posterior expected gain', () => {
  const shape = MARKET_SHAPES[0]!;
  const provider = generateMarket(shape).providers.find((p) => p.past.length === 0)!;

  it('is above the gain of the expected utility for an uncertain provider (the gain is convex)', () => {
    const posterior = posteriorOfQuality(provider, shape);
    const meanUtility = shape.fitShare * 0.5 + (1 - shape.fitShare) * posterior.probabilities.reduce((s, p, i) => s + p * posterior.grid[i]!, 0);
    expect(posteriorExpectedGain(posterior, shape, 0.5, gainOf)).toBeGreaterThan(gainOf(meanUtility));
    expect(posteriorExpectedGain(posterior, shape, 0.5, (u) => u)).toBeCloseTo(meanUtility, 9);
  });
});
