export const CUTOFF = 10;

/**
 * The graded gain of a provider of true utility u ∈ [0, 1]: 2^(4u) − 1, the exponential gain of
 * Burges et al. on a 0–4 relevance scale, so the top of a ranking counts most. Convex in u.
 */
export const gainOf = (utility: number): number => 2 ** (4 * utility) - 1;

/**
 * NDCG@k with graded gains (gainOf the true utilities, since issue 30; linear gains before):
 * DCG of the ranking's first k over the DCG of the pool sorted by gain. Rankings cover the pool.
 */
export function ndcgAt(ranking: readonly string[], gain: ReadonlyMap<string, number>, k = CUTOFF): number {
  const dcg = (gains: number[]) => gains.slice(0, k).reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  const ideal = dcg([...gain.values()].sort((a, b) => b - a));
  return ideal === 0 ? 1 : dcg(ranking.map((id) => gain.get(id) ?? 0)) / ideal;
}

/** 1 / the rank of the truly best provider of the pool. */
export function reciprocalRankOfBest(ranking: readonly string[], gain: ReadonlyMap<string, number>): number {
  let best: string | undefined;
  for (const [id, g] of gain) if (best === undefined || g > gain.get(best)!) best = id;
  const at = best === undefined ? -1 : ranking.indexOf(best);
  return at === -1 ? 0 : 1 / (at + 1);
}

export interface MethodScore {
  ndcgAt10: number;
  mrr: number;
}

/** Means over requests of NDCG@10 and of the best provider's reciprocal rank. */
export function scoreRankings(cases: readonly { ranking: readonly string[]; gain: ReadonlyMap<string, number> }[]): MethodScore {
  if (cases.length === 0) return { ndcgAt10: 0, mrr: 0 };
  let ndcg = 0;
  let mrr = 0;
  for (const c of cases) {
    ndcg += ndcgAt(c.ranking, c.gain);
    mrr += reciprocalRankOfBest(c.ranking, c.gain);
  }
  return { ndcgAt10: ndcg / cases.length, mrr: mrr / cases.length };
}
