import { rankingMetrics, type RankingMetrics } from './ranking.js';

/**
 * Scores this close count as equal. Weights that differ only by a constant factor, or sums taken
 * in another order, give scores differing in the last bits; without a tolerance such noise would
 * reorder near-equal providers. libs/scoring's fair exposure uses the same 1e-9.
 */
export const SCORE_TIE_TOLERANCE = 1e-9;

/** A candidate as the engine stored it for a request: its factor values, each in [0, 1]. */
export interface ReplayCandidate {
  providerId: string;
  factors: Readonly<Record<string, number>>;
}

export interface ReplayRanked {
  providerId: string;
  /** Σ weight × factor with the weights scaled to sum 1, so within [0, 1]. */
  score: number;
  rank: number;
}

/** A past awarded request: the stored candidates and who the enterprise chose. */
export interface ReplayRequest {
  requestId: string;
  awardedProviderId: string;
  candidates: readonly ReplayCandidate[];
}

export interface ReplayComparison {
  current: RankingMetrics;
  proposed: RankingMetrics;
}

const byId = (a: { providerId: string }, b: { providerId: string }) => (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0);

/** Weights scaled to sum 1 (by the largest first, so huge weights stay finite), in key order. */
function normalised(weights: Readonly<Record<string, number>>): [string, number][] {
  const entries = Object.keys(weights)
    .sort()
    .map((name): [string, number] => [name, weights[name]!]);
  let largest = 0;
  for (const [name, weight] of entries) {
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`weight of ${name} must be a non-negative finite number, got ${weight}`);
    largest = Math.max(largest, weight);
  }
  if (largest === 0) throw new RangeError('at least one weight must be positive');
  const scaled = entries.map(([name, weight]): [string, number] => [name, weight / largest]);
  let total = 0;
  for (const [, weight] of scaled) total += weight;
  return scaled.map(([name, weight]) => [name, weight / total]);
}

/**
 * Re-ranks stored candidates under `weights`: score = Σ weight × factor over the weights' keys
 * (a factor the candidate lacks counts 0, a factor without a weight is ignored), weights scaled
 * to sum 1, which changes no order. Highest score first; scores within SCORE_TIE_TOLERANCE of
 * the highest of their group are ties, ordered by providerId ascending. Fair exposure is not
 * applied: a replay compares the weights alone. Throws RangeError on a factor outside [0, 1], a
 * negative or non-finite weight, weights all 0, or a provider listed twice.
 */
export function rankByWeights(candidates: readonly ReplayCandidate[], weights: Readonly<Record<string, number>>): ReplayRanked[] {
  const normal = normalised(weights);
  const seen = new Set<string>();
  const scored = candidates.map(({ providerId, factors }) => {
    if (seen.has(providerId)) throw new RangeError(`provider ${providerId} is listed twice`);
    seen.add(providerId);
    for (const [name, value] of Object.entries(factors)) {
      if (!Number.isFinite(value) || value < 0 || value > 1) {
        throw new RangeError(`factor ${name} of ${providerId} must be within [0, 1], got ${value}`);
      }
    }
    let score = 0;
    for (const [name, weight] of normal) if (Object.hasOwn(factors, name)) score += weight * factors[name]!;
    return { providerId, score };
  });
  scored.sort((a, b) => b.score - a.score || byId(a, b));
  const ranked: { providerId: string; score: number }[] = [];
  for (let start = 0; start < scored.length;) {
    const floor = scored[start]!.score - SCORE_TIE_TOLERANCE;
    let end = start + 1;
    while (end < scored.length && scored[end]!.score >= floor) end++;
    for (const entry of scored.slice(start, end).sort(byId)) ranked.push(entry);
    start = end;
  }
  return ranked.map((entry, i) => ({ ...entry, rank: i + 1 }));
}

/**
 * The ranking metrics of rankingMetrics for past awarded requests re-ranked under `weights`;
 * an awarded provider missing from its request's candidates counts as not ranked.
 */
export function replayRankingMetrics(requests: readonly ReplayRequest[], weights: Readonly<Record<string, number>>): RankingMetrics {
  return rankingMetrics(
    requests.map(({ awardedProviderId, candidates }) => {
      const awarded = rankByWeights(candidates, weights).find((r) => r.providerId === awardedProviderId);
      return awarded === undefined ? null : awarded.rank;
    }),
  );
}

/** Both sets of weights replayed over the same requests, for a side-by-side report. */
export function compareWeights(
  requests: readonly ReplayRequest[],
  current: Readonly<Record<string, number>>,
  proposed: Readonly<Record<string, number>>,
): ReplayComparison {
  return { current: replayRankingMetrics(requests, current), proposed: replayRankingMetrics(requests, proposed) };
}
