import type { MethodScore } from '../../libs/match-eval/index.js';
import type { Weights } from '../../libs/scoring/index.js';
import { learnFromAwards } from '../../libs/weight-tuning/index.js';
import type { MarketRun } from './run-markets.js';
import { replayScores, type RunScores } from './score-runs.js';

/** The half-life the evaluator learns with: its markets' taste does not drift, so a long one. */
export const EVAL_HALF_LIFE_DAYS = 365;

export interface LearningRow {
  shape: string;
  awards: number;
  defaults: MethodScore;
  learned: MethodScore;
  bound: MethodScore;
  weights: Record<string, number>;
}

/**
 * The engine before and after learning from the market's awards (learnFromAwards, as the
 * product's tuning job does, the voucher kept as policy), the learned weights replayed over the
 * evaluated requests' stored factors, beside the posterior bound.
 */
export function learningRow(run: MarketRun, scores: RunScores, engineWeights: Readonly<Weights>): LearningRow {
  const latest = Math.max(0, ...run.awards.map((a) => a.at));
  const learned = learnFromAwards(engineWeights, run.awards, { now: latest, halfLifeDays: EVAL_HALF_LIFE_DAYS, fixed: ['voucher_eligibility'] });
  return {
    shape: run.shape.name,
    awards: run.awards.length,
    defaults: scores.engine,
    learned: replayScores(run, learned.weights),
    bound: scores.diagnostics['posterior bound'],
    weights: learned.weights,
  };
}

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;

/** Per shape: engine under the defaults, after learning, the bound, and each as a share of the bound. */
export function formatLearning(rows: readonly LearningRow[]): string {
  const table = [
    ['market shape', 'awards', 'defaults', 'learned', 'bound', 'defaults/bound', 'learned/bound'],
    ...rows.map((r) => [
      r.shape,
      String(r.awards),
      r.defaults.ndcgAt10.toFixed(3),
      r.learned.ndcgAt10.toFixed(3),
      r.bound.ndcgAt10.toFixed(3),
      pct(r.defaults.ndcgAt10, r.bound.ndcgAt10),
      pct(r.learned.ndcgAt10, r.bound.ndcgAt10),
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(table[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...table.slice(1).map(line)].join('\n');
}

/**
 * Issue 30: after learning, ≥ 97% of the bound on every shape (≥ 98% on the shapes of the default
 * mix, today's five), and above the defaults wherever the mix is not the default one.
 */
export function learningVerdict(rows: readonly LearningRow[], runs: readonly MarketRun[]): string[] {
  const lines: string[] = [];
  for (const r of rows) {
    const run = runs.find((x) => x.shape.name === r.shape)!;
    if (r.learned.ndcgAt10 < 0.97 * r.bound.ndcgAt10) lines.push(`${r.shape}: learned ${pct(r.learned.ndcgAt10, r.bound.ndcgAt10)} of the bound, under 97%`);
    if (run.shape.fitMix && r.learned.ndcgAt10 <= r.defaults.ndcgAt10) lines.push(`${r.shape}: learned does not beat the defaults`);
    if (!run.shape.fitMix && r.defaults.ndcgAt10 < 0.98 * r.bound.ndcgAt10)
      lines.push(`${r.shape}: defaults ${pct(r.defaults.ndcgAt10, r.bound.ndcgAt10)} of the bound, under 98%`);
  }
  return lines;
}
