import { describe, expect, it } from '@jest/globals';
import { generateMarket, MARKET_SHAPES, posteriorQuality } from './index.js';

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
