import { FACTORS, type Weights } from '../../libs/scoring/index.js';
import type { MethodScore } from '../../libs/match-eval/index.js';
import { BASELINES, DIAGNOSTICS, type RunScores } from './score-runs.js';

const cell = (s: MethodScore) => `${s.ndcgAt10.toFixed(3)} / ${s.mrr.toFixed(3)}`;

/** Shapes down, methods across, each cell "NDCG@10 / MRR"; the mean row last. */
export function formatTable(scores: readonly RunScores[]): string {
  const replayed = Object.keys(scores[0]?.replayed ?? {});
  const methods = ['engine', ...BASELINES, ...DIAGNOSTICS, ...replayed];
  const pick = (s: RunScores, m: string): MethodScore =>
    m === 'engine'
      ? s.engine
      : m in s.baselines
        ? s.baselines[m as (typeof BASELINES)[number]]
        : m in s.diagnostics
          ? s.diagnostics[m as (typeof DIAGNOSTICS)[number]]
          : s.replayed[m]!;
  const mean = (m: string): MethodScore => ({
    ndcgAt10: scores.reduce((a, s) => a + pick(s, m).ndcgAt10, 0) / scores.length,
    mrr: scores.reduce((a, s) => a + pick(s, m).mrr, 0) / scores.length,
  });
  const rows = [
    ['market shape', 'requests', 'pool', ...methods],
    ...scores.map((s) => [s.shape, String(s.requests), s.meanPool.toFixed(0), ...methods.map((m) => cell(pick(s, m)))]),
    ['mean', String(scores.reduce((n, s) => n + s.requests, 0)), '', ...methods.map((m) => cell(mean(m)))],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

export function formatWeights(sets: Record<string, Readonly<Weights> | Readonly<Record<string, number>>>): string {
  const labels = Object.keys(sets);
  const rows = [['factor', ...labels], ...FACTORS.map((f) => [f, ...labels.map((l) => (sets[l]![f] ?? 0).toFixed(3))])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

/**
 * Beats rating-only and fit-only on every shape (issue 14). The 0.95 mean floor of issue 14 was
 * withdrawn by issue 30 (above the posterior bound); pass a floor to check one anyway.
 */
export function verdict(scores: readonly RunScores[], floor = 0): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  for (const s of scores) {
    for (const baseline of ['rating-only', 'fit-only'] as const) {
      if (s.engine.ndcgAt10 <= s.baselines[baseline].ndcgAt10)
        lines.push(`${s.shape}: engine ${s.engine.ndcgAt10.toFixed(3)} does not beat ${baseline} ${s.baselines[baseline].ndcgAt10.toFixed(3)}`);
    }
  }
  const mean = scores.reduce((a, s) => a + s.engine.ndcgAt10, 0) / Math.max(1, scores.length);
  if (mean < floor) lines.push(`mean NDCG@10 ${mean.toFixed(3)} is below ${floor}`);
  return { ok: lines.length === 0, lines };
}
