import type { PastInvitation, SyntheticProvider } from './market.js';
import type { MarketShape } from './shapes.js';

/**
 * The Bayes posterior mean of a provider's latent quality given every past invitation, under the
 * generator's own model (generateProvider in market.ts): no estimator working from the same history
 * can be closer on average, so it bounds what the engine's quality estimate could reach. It is a
 * diagnostic and deliberately knows the simulator; the number of invitations is left out, being a
 * quirk of the generator ("better providers are invited more") rather than evidence a platform has.
 */
export function posteriorQuality(provider: SyntheticProvider, shape: MarketShape): number {
  if (provider.past.length === 0) return PRIOR_MEAN;
  return posteriorOfQuality(provider, shape).probabilities.reduce((sum, w, i) => sum + w * QUALITY_GRID[i]!, 0);
}

/** The whole posterior of quality: a probability for each point of the quality grid (the prior without history). */
export function posteriorOfQuality(provider: SyntheticProvider, shape: MarketShape): { grid: readonly number[]; probabilities: number[] } {
  if (provider.past.length === 0) {
    const total = QUALITY_PRIOR.reduce((a, b) => a + b, 0);
    return { grid: QUALITY_GRID, probabilities: QUALITY_PRIOR.map((p) => p / total) };
  }
  const logs = QUALITY_GRID.map(
    (q, i) => Math.log(QUALITY_PRIOR[i]!) + deliveryLogLikelihood(provider.past, q, shape.ratingNoise) + responseLogLikelihood(provider.past, q),
  );
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  const total = weights.reduce((a, b) => a + b, 0);
  return { grid: QUALITY_GRID, probabilities: weights.map((w) => w / total) };
}

/**
 * The posterior expected gain of a provider (its posteriorOfQuality) for a request whose true fit is `fit`:
 * E[gain(fitShare · fit + (1 − fitShare) · q)] over the posterior of q. The gain is convex, so this
 * is not the gain of the expected utility: an uncertain provider is worth more than its mean
 * says. Ranking by it maximises the expected DCG: the exact bound of any ranker of that history.
 */
export function posteriorExpectedGain(
  posterior: ReturnType<typeof posteriorOfQuality>,
  shape: MarketShape,
  fit: number,
  gain: (utility: number) => number,
): number {
  const { grid, probabilities } = posterior;
  return probabilities.reduce((sum, p, i) => sum + p * gain(shape.fitShare * fit + (1 - shape.fitShare) * grid[i]!), 0);
}

// quality ~ clamp(N(0.5, 0.22), 0.02, 0.98); responsiveness ~ clamp(quality + N(0, 0.2), 0, 1).
const PRIOR_MEAN = 0.5;
const grid = (from: number, to: number, points: number) => Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
const QUALITY_GRID = grid(0.02, 0.98, 49);
const RESPONSIVENESS_GRID = grid(0, 1, 41);

/** A discretised clamped normal: each grid point takes the mass nearest to it, the ends the clamped tails. */
function cellMasses(points: readonly number[], mean: number, sd: number): number[] {
  const half = (points[1]! - points[0]!) / 2;
  return points.map((x, i) => {
    const lo = i === 0 ? -Infinity : x - half;
    const hi = i === points.length - 1 ? Infinity : x + half;
    return normalCdf((hi - mean) / sd) - normalCdf((lo - mean) / sd);
  });
}
const QUALITY_PRIOR = cellMasses(QUALITY_GRID, 0.5, 0.22);
const RESPONSIVENESS_PRIOR = QUALITY_GRID.map((q) => cellMasses(RESPONSIVENESS_GRID, q, 0.2));

/** Awards among bids, completion among awards, and the stars given (rounded, clamped to 1..5). */
function deliveryLogLikelihood(past: readonly PastInvitation[], q: number, ratingNoise: number): number {
  const award = 0.15 + 0.45 * q;
  const completion = 0.7 + 0.3 * q;
  let log = 0;
  for (const invitation of past) {
    if (invitation.hoursToBid === null) continue;
    if (invitation.outcome === 'none') log += Math.log(1 - award);
    else if (invitation.outcome === 'completed') {
      log +=
        Math.log(award * completion) +
        (invitation.rating === null ? Math.log(0.15) : Math.log(0.85 * starChance(invitation.rating, 2.5 + 2.5 * q, ratingNoise)));
    } else {
      log += Math.log(award * (1 - completion)) + Math.log(0.5 * (invitation.rating === null ? 1 : starChance(invitation.rating, 1 + 2 * q, ratingNoise)));
    }
  }
  return log;
}

/** Whether and how soon it bid, through the responsiveness tied to quality, summed out over its grid. */
function responseLogLikelihood(past: readonly PastInvitation[], q: number): number {
  const prior = RESPONSIVENESS_PRIOR[QUALITY_GRID.indexOf(q)]!;
  const logs = RESPONSIVENESS_GRID.map((r, i) => {
    const bid = 0.3 + 0.6 * r;
    const meanHours = 6 + 60 * (1 - r);
    let log = Math.log(prior[i]! + Number.MIN_VALUE);
    for (const { hoursToBid } of past) log += hoursToBid === null ? Math.log(1 - bid) : Math.log(bid / meanHours) - hoursToBid / meanHours;
    return log;
  });
  const top = Math.max(...logs);
  return top + Math.log(logs.reduce((sum, l) => sum + Math.exp(l - top), 0));
}

function starChance(stars: number, mean: number, sd: number): number {
  const lo = stars <= 1 ? -Infinity : stars - 0.5;
  const hi = stars >= 5 ? Infinity : stars + 0.5;
  return Math.max(Number.MIN_VALUE, normalCdf((hi - mean) / sd) - normalCdf((lo - mean) / sd));
}

/** Φ by Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7), ample for a bound read to three decimals. */
function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
