import {
  gainOf,
  posteriorExpectedGain,
  posteriorOfQuality,
  posteriorQuality,
  Random,
  randomRanking,
  rankBy,
  ratingOnlyRanking,
  scoreRankings,
  trueFit,
  type MethodScore,
} from '../../libs/match-eval/index.js';
import { rankByWeights } from '../../libs/quality-metrics/index.js';
import type { FactorName, Weights } from '../../libs/scoring/index.js';
import type { EvalCase, MarketRun } from './run-markets.js';

export const FIT_FACTORS: readonly FactorName[] = ['country_coverage', 'service_fit', 'sector_experience', 'language', 'price_fit'];

/**
 * 'ceiling' is an oracle that knows the true fit and an experienced provider's true quality, but a
 * newcomer's only as the mean of all providers': the best any ranker could do from what history
 * can reveal, so the gap between it and the oracle is out of every ranker's reach.
 */
export const BASELINES = ['random', 'rating-only', 'fit-only', 'ceiling', 'oracle'] as const;

/**
 * Where the engine's gap to the ceiling lies. 'no fair exposure': the engine's own scores, ranked
 * without the band. 'engine fit, known quality': the engine's fit factors (under its weights)
 * with the ceiling's quality — what its fit estimate costs. 'posterior bound': the true fit with
 * the Bayes posterior of quality from the observable history, ranked by the expected gain
 * (posteriorExpectedGain) — the best any ranker of that history can do, knowing even the shape's
 * fitShare and fitMix. 'engine fit,
 * posterior, one mix': the engine's fit with that posterior at fitShare 0.5 on every shape (the
 * middle of the shapes' 0.3–0.75, not tuned), as one weight set must.
 */
export const DIAGNOSTICS = ['no fair exposure', 'engine fit, known quality', 'posterior bound', 'engine fit, posterior, one mix'] as const;

export interface RunScores {
  shape: string;
  requests: number;
  meanPool: number;
  engine: MethodScore;
  baselines: Record<(typeof BASELINES)[number], MethodScore>;
  diagnostics: Record<(typeof DIAGNOSTICS)[number], MethodScore>;
  /** Other weight sets, replayed over the stored factor values (no fair exposure). */
  replayed: Record<string, MethodScore>;
}

function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A case re-ranked by weights over its stored factor values, as a quality replay does. */
export function rankCaseByWeights(c: EvalCase, weights: Readonly<Record<string, number>>): string[] {
  return rankByWeights(
    [...c.factors].map(([providerId, factors]) => ({ providerId, factors })),
    weights,
  ).map((r) => r.providerId);
}

/** Mean graded NDCG@10 of `weights` replayed over the cases: the objective weights are tuned on. */
export function replayNdcg(cases: readonly EvalCase[], weights: Readonly<Record<string, number>>): number {
  return scoreRankings(cases.map((c) => ({ ranking: rankCaseByWeights(c, weights), gain: c.gain }))).ndcgAt10;
}

/** NDCG@10 and MRR of `weights` replayed over a run's evaluated requests. */
export function replayScores(run: MarketRun, weights: Readonly<Record<string, number>>): MethodScore {
  return scoreRankings(run.cases.map((c) => ({ ranking: rankCaseByWeights(c, weights), gain: c.gain })));
}

/** The engine's stored rankings and the baselines, on the same pools and gains. */
export function scoreRun(run: MarketRun, engineWeights: Readonly<Weights>, replay: Record<string, Readonly<Record<string, number>>> = {}): RunScores {
  const ratings = new Map(
    run.market.providers.map((p) => {
      const rated = p.past.flatMap((i) => (i.rating === null ? [] : [i.rating]));
      return [p.key, { count: rated.length, sum: rated.reduce((a, b) => a + b, 0) }] as const;
    }),
  );
  const fitWeight = (name: FactorName) => engineWeights[name];
  const providers = new Map(run.market.providers.map((p) => [p.key, p]));
  const requests = new Map(run.market.requests.map((r) => [r.key, r]));
  const meanQuality = run.market.providers.reduce((a, p) => a + p.quality, 0) / run.market.providers.length;
  const knowable = (c: EvalCase, key: string) => {
    const p = providers.get(key)!;
    return (
      run.shape.fitShare * trueFit(requests.get(c.requestKey)!, p, run.shape.fitMix) + (1 - run.shape.fitShare) * (p.past.length > 0 ? p.quality : meanQuality)
    );
  };
  // Baselines start from the pool in key order: the engine's order varies with request ids (fair exposure's tie hash).
  const by = (rank: (c: EvalCase, random: Random) => string[]) =>
    scoreRankings(run.cases.map((c) => ({ ranking: rank(c, new Random(seedOf(`${run.shape.seed}:${c.requestKey}`))), gain: c.gain })));
  const poolOf = (c: EvalCase) => [...c.engine].sort();
  const fitWeights = FIT_FACTORS.reduce((s, f) => s + fitWeight(f), 0);
  const engineFit = (c: EvalCase, key: string) => FIT_FACTORS.reduce((s, f) => s + fitWeight(f) * (c.factors.get(key)![f] ?? 0), 0) / fitWeights;
  const posterior = new Map(run.market.providers.map((p) => [p.key, posteriorQuality(p, run.shape)]));
  const distribution = new Map(run.market.providers.map((p) => [p.key, posteriorOfQuality(p, run.shape)]));
  const known = (key: string) => (providers.get(key)!.past.length > 0 ? providers.get(key)!.quality : meanQuality);
  const mix = (fitShare: number, fit: number, quality: number) => fitShare * fit + (1 - fitShare) * quality;
  return {
    shape: run.shape.name,
    requests: run.cases.length,
    meanPool: run.cases.reduce((n, c) => n + c.engine.length, 0) / Math.max(1, run.cases.length),
    engine: by((c) => c.engine),
    baselines: {
      random: by((c, random) => randomRanking(poolOf(c), random)),
      'rating-only': by((c, random) => ratingOnlyRanking(poolOf(c), ratings, random)),
      'fit-only': by((c, random) => rankBy(poolOf(c), (key) => FIT_FACTORS.reduce((s, f) => s + fitWeight(f) * (c.factors.get(key)![f] ?? 0), 0), random)),
      ceiling: by((c, random) => rankBy(poolOf(c), (key) => knowable(c, key), random)),
      oracle: by((c, random) => rankBy(poolOf(c), (key) => c.gain.get(key)!, random)),
    },
    diagnostics: {
      'no fair exposure': by((c) => rankCaseByWeights(c, engineWeights)),
      'engine fit, known quality': by((c, random) => rankBy(poolOf(c), (key) => mix(run.shape.fitShare, engineFit(c, key), known(key)), random)),
      'posterior bound': by((c, random) =>
        rankBy(
          poolOf(c),
          (key) =>
            posteriorExpectedGain(distribution.get(key)!, run.shape, trueFit(requests.get(c.requestKey)!, providers.get(key)!, run.shape.fitMix), gainOf),
          random,
        ),
      ),
      'engine fit, posterior, one mix': by((c, random) => rankBy(poolOf(c), (key) => mix(0.5, engineFit(c, key), posterior.get(key)!), random)),
    },
    replayed: Object.fromEntries(Object.entries(replay).map(([label, weights]) => [label, by((c) => rankCaseByWeights(c, weights))])),
  };
}
