import 'reflect-metadata';
import { MARKET_SHAPES, trainingShapes } from '../../libs/match-eval/index.js';
import { DEFAULT_WEIGHTS, FACTORS, resolveWeights, type Weights } from '../../libs/scoring/index.js';
import { tuneWeights } from '../../libs/weight-tuning/index.js';
import { loadConfig } from '../config/config.js';
import { formatTable, formatWeights, verdict } from '../match-eval/report.js';
import { runMarkets } from '../match-eval/run-markets.js';
import { replayNdcg, scoreRun } from '../match-eval/score-runs.js';

/**
 * npm run match:eval [-- --tune]: the engine on seeded synthetic markets beside random,
 * rating-only, fit-only and an oracle. With --tune, weights are first tuned on the same shapes
 * under other seeds and then replayed on the table's markets beside the engine's.
 */
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('DATABASE_URL: is required (a server where a scratch database may be created)');
  process.exit(78);
}
const started = Date.now();
const log = (line: string) => console.log(`  ${line}`);
const env = { ...process.env, LOG_LEVEL: 'warn' };
const engineWeights: Weights = loadConfig(env).matching.weights ?? { ...DEFAULT_WEIGHTS };
const replay: Record<string, Record<string, number>> = {};

if (process.argv.includes('--tune')) {
  console.log('Tuning on the training markets (same shapes, other seeds):');
  const training = await runMarkets(trainingShapes(), { adminUrl, env, log });
  const cases = training.flatMap((run) => run.cases);
  const tuned = tuneWeights(engineWeights, (w) => replayNdcg(cases, w));
  const resolved = resolveWeights(tuned.weights as Partial<Weights>);
  if (!resolved.ok) throw new Error(resolved.reason);
  replay['tuned (replayed)'] = resolved.weights;
  console.log(`  training NDCG@10 ${tuned.startValue.toFixed(4)} → ${tuned.value.toFixed(4)} (${tuned.evaluations} evaluations)\n`);
  console.log(formatWeights({ current: engineWeights, tuned: resolved.weights }));
  console.log(`\nMATCH_WEIGHTS='${JSON.stringify(Object.fromEntries(FACTORS.map((f) => [f, Number(resolved.weights[f].toFixed(3))])))}'\n`);
}

console.log('Evaluation markets:');
const runs = await runMarkets(MARKET_SHAPES, { adminUrl, env, log });
const scores = runs.map((run) => scoreRun(run, engineWeights, replay));
console.log(
  `\nNDCG@10 (gains = true utility) / MRR (of the truly best provider), engine under ${JSON.stringify(engineWeights) === JSON.stringify(DEFAULT_WEIGHTS) ? 'the default weights' : 'MATCH_WEIGHTS'}:\n`,
);
console.log(formatTable(scores));
const { ok, lines } = verdict(scores);
console.log(`\n${ok ? 'PASS' : 'FAIL'}: engine beats rating-only and fit-only on every shape, mean NDCG@10 ≥ 0.95${lines.map((l) => `\n  ${l}`).join('')}`);
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(ok ? 0 : 1);
