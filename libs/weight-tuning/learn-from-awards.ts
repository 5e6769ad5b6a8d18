import type { SimplexWeights } from './coordinate-ascent.js';

/** One awarded request: who the enterprise could choose among, whom it chose, and how that went. */
export interface AwardCase {
  /** When the request was published, ms since the epoch: recency weighs from it. */
  at: number;
  awardedId: string;
  /** The awarded work's stars (1–5), null while unrated. */
  rating: number | null;
  /** The request's bids and invitations (the awarded one among them), with the factor values stored for each. */
  candidates: readonly { id: string; factors: Readonly<Record<string, number>> }[];
}

export interface LearnOptions {
  /** The moment recency is measured from, ms since the epoch. */
  now: number;
  /** An award this many days old counts half as much as one made now. */
  halfLifeDays: number;
  /** Factors that are policy, not taste: they keep their current weight. */
  fixed?: readonly string[];
  /**
   * Pull towards the current weights, worth this many awards: with few awards the weights move
   * little, with many the awards decide.
   */
  priorAwards?: number;
  iterations?: number;
}

export interface LearnResult {
  weights: Record<string, number>;
  /** How sharply the choices follow the score: the scale of the fitted utility. */
  sharpness: number;
  /** Weighted mean log-likelihood of the awards under the current and the learned weights. */
  logLikelihood: { current: number; learned: number };
  /** Σ of the cases' weights: how many full awards' worth of evidence. */
  evidence: number;
}

const DAY_MS = 86_400_000;
/** An unrated award still says whom the enterprise preferred; a rated one counts by its stars. */
const UNRATED_WEIGHT = 0.5;

/** How much an award counts: its stars ((r − 1)/4, so a 1★ regret teaches nothing) times a recency half-life. */
export function awardWeight(award: Pick<AwardCase, 'at' | 'rating'>, now: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0)) throw new RangeError(`halfLifeDays must be positive, got ${halfLifeDays}`);
  const stars = award.rating === null ? UNRATED_WEIGHT : Math.min(1, Math.max(0, (award.rating - 1) / 4));
  const ageDays = Math.max(0, now - award.at) / DAY_MS;
  return stars * 0.5 ** (ageDays / halfLifeDays);
}

interface Prepared {
  weight: number;
  chosen: number;
  features: number[][];
}

/**
 * Learns the weights an alliance's enterprises award by: a conditional logit (McFadden) over each
 * request's bids and invitations, P(award i) ∝ exp(θ · factors_i), θ ≥ 0, fitted by projected
 * gradient ascent on the awards' weighted log-likelihood (concave in θ, so the fit is the
 * optimum, not a local one), with a ridge towards the current weights at their own best scale.
 * The weights are θ scaled to sum 1 over the learned factors; fixed ones keep their share.
 * Ranking by θ · factors is ranking by the learned weights, so the fit is what replays rank by.
 */
export function learnFromAwards(current: SimplexWeights, awards: readonly AwardCase[], options: LearnOptions): LearnResult {
  const { fixed = [], priorAwards = 5, iterations = 400 } = options;
  const names = Object.keys(current)
    .filter((n) => !fixed.includes(n))
    .sort();
  const fixedShare = fixed.reduce((s, n) => s + (current[n] ?? 0), 0);
  if (names.length === 0 || fixedShare >= 1) throw new RangeError('at least one factor must be learned');
  const freeTotal = names.reduce((s, n) => s + current[n]!, 0);
  const start = names.map((n) => (freeTotal > 0 ? current[n]! / freeTotal : 1 / names.length));
  const cases: Prepared[] = awards.flatMap((a) => {
    const chosen = a.candidates.findIndex((c) => c.id === a.awardedId);
    const weight = awardWeight(a, options.now, options.halfLifeDays);
    if (chosen < 0 || a.candidates.length < 2 || weight <= 0) return [];
    return [{ weight, chosen, features: a.candidates.map((c) => names.map((n) => c.factors[n] ?? 0)) }];
  });
  const evidence = cases.reduce((s, c) => s + c.weight, 0);
  const finish = (theta: number[], sharpness: number, ll: { current: number; learned: number }): LearnResult => {
    const total = theta.reduce((a, b) => a + b, 0);
    const free = total > 0 ? theta.map((t) => t / total) : start;
    const weights: Record<string, number> = {};
    for (const n of Object.keys(current).sort()) weights[n] = fixed.includes(n) ? (current[n] ?? 0) : free[names.indexOf(n)]! * (1 - fixedShare);
    return { weights, sharpness, logLikelihood: ll, evidence };
  };
  if (evidence === 0) return finish(start, 0, { current: 0, learned: 0 });

  const logLikelihood = (theta: readonly number[], gradient?: number[]): number => {
    let total = 0;
    gradient?.fill(0);
    for (const c of cases) {
      const scores = c.features.map((f) => f.reduce((s, v, k) => s + v * theta[k]!, 0));
      const top = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - top));
      const z = exps.reduce((a, b) => a + b, 0);
      total += c.weight * (scores[c.chosen]! - top - Math.log(z));
      if (gradient) {
        for (let k = 0; k < names.length; k++) {
          let expected = 0;
          for (let i = 0; i < exps.length; i++) expected += (exps[i]! / z) * c.features[i]![k]!;
          gradient[k]! += c.weight * (c.features[c.chosen]![k]! - expected);
        }
      }
    }
    if (gradient) for (let k = 0; k < names.length; k++) gradient[k] = gradient[k]! / evidence;
    return total / evidence;
  };

  // The current weights' own best scale (a golden-section search on the one-dimensional likelihood).
  const along = (scale: number) => logLikelihood(start.map((w) => w * scale));
  let [lo, hi] = [0, 400];
  for (let i = 0; i < 60; i++) {
    const a = hi - (hi - lo) / 1.618;
    const b = lo + (hi - lo) / 1.618;
    if (along(a) < along(b)) lo = a;
    else hi = b;
  }
  const anchor = start.map((w) => (w * (lo + hi)) / 2);
  // The ridge is on θ relative to the anchor's scale, so it does not depend on how sharp choices are.
  const scale = Math.max(1, (lo + hi) / 2);
  const shrinkage = priorAwards / evidence / (scale * scale);
  const objective = (theta: readonly number[], gradient?: number[]) => {
    const ll = logLikelihood(theta, gradient);
    let ridge = 0;
    for (let k = 0; k < theta.length; k++) {
      const d = theta[k]! - anchor[k]!;
      ridge += d * d;
      if (gradient) gradient[k] = gradient[k]! - 2 * shrinkage * d;
    }
    return ll - shrinkage * ridge;
  };
  let theta = [...anchor];
  const gradient = new Array<number>(names.length).fill(0);
  let value = objective(theta, gradient);
  let step = 10;
  for (let i = 0; i < iterations && step > 1e-6; i++) {
    const moved = theta.map((t, k) => Math.max(0, t + step * gradient[k]!));
    const next = new Array<number>(names.length).fill(0);
    const v = objective(moved, next);
    if (v > value) {
      theta = moved;
      value = v;
      gradient.splice(0, gradient.length, ...next);
      step *= 1.5;
    } else step /= 2;
  }
  const sharpness = theta.reduce((a, b) => a + b, 0);
  return finish(theta, sharpness, { current: logLikelihood(anchor), learned: logLikelihood(theta) });
}
