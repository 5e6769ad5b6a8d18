/** NDCG is cut off at the first ten places: the invitations an enterprise actually sees. */
export const NDCG_CUTOFF = 10;

/** One provider's place in the engine's ranking as stored for a request (1 = top). */
export interface RankedCandidate {
  providerId: string;
  rank: number;
}

export interface RankDistribution {
  /** byRank[i] counts awards that went to the provider ranked i + 1, for ranks 1..10. */
  byRank: number[];
  /** Awards to a provider ranked 11th or lower. */
  over10: number;
  /** Awards to a provider the engine did not rank (e.g. one the enterprise invited itself). */
  notRanked: number;
}

export interface RankingMetrics {
  /** Awarded requests measured. */
  awarded: number;
  /** Of those, the ones whose awarded provider appears in the ranking. */
  ranked: number;
  /** Mean rank over `ranked` only (an absent provider has no rank to average); null if none. */
  meanRank: number | null;
  /** Mean of 1/rank over all awarded requests, 0 for an unranked provider; null if none. */
  mrr: number | null;
  /** Mean binary NDCG@10 over all awarded requests; null if none. */
  ndcgAt10: number | null;
  distribution: RankDistribution;
}

function assertRank(rank: number): void {
  if (!Number.isSafeInteger(rank) || rank < 1) throw new RangeError(`rank must be an integer ≥ 1, got ${rank}`);
}

/**
 * The rank of `providerId` in a stored ranking, null when it is not there. Throws RangeError on
 * a rank below 1 or not an integer, and on a provider listed twice.
 */
export function rankOf(ranking: readonly RankedCandidate[], providerId: string): number | null {
  const seen = new Set<string>();
  let found: number | null = null;
  for (const candidate of ranking) {
    assertRank(candidate.rank);
    if (seen.has(candidate.providerId)) throw new RangeError(`provider ${candidate.providerId} is ranked twice`);
    seen.add(candidate.providerId);
    if (candidate.providerId === providerId) found = candidate.rank;
  }
  return found;
}

/** 1/rank; 0 for a provider the ranking left out. MRR has no cut-off. */
export function reciprocalRank(rank: number | null): number {
  if (rank === null) return 0;
  assertRank(rank);
  return 1 / rank;
}

/**
 * NDCG with binary relevance: only the awarded provider is relevant, so the ideal DCG is 1
 * (it at rank 1) and NDCG = DCG = 1/log2(rank + 1) when rank ≤ cutoff, else 0. Rank 1 → 1,
 * rank 3 → 0.5, rank 11 → 0 at the default cut-off of 10, unranked → 0.
 */
export function binaryNdcg(rank: number | null, cutoff: number = NDCG_CUTOFF): number {
  assertRank(cutoff);
  if (rank === null) return 0;
  assertRank(rank);
  return rank <= cutoff ? 1 / Math.log2(rank + 1) : 0;
}

/** Counts per rank 1..10, beyond 10 and not ranked, for a histogram. */
export function rankDistribution(ranks: readonly (number | null)[]): RankDistribution {
  const distribution: RankDistribution = { byRank: new Array<number>(NDCG_CUTOFF).fill(0), over10: 0, notRanked: 0 };
  for (const rank of ranks) {
    if (rank === null) distribution.notRanked++;
    else {
      assertRank(rank);
      if (rank <= NDCG_CUTOFF) distribution.byRank[rank - 1]!++;
      else distribution.over10++;
    }
  }
  return distribution;
}

/**
 * The engine's ranking against what the enterprise chose: one entry per awarded request, the
 * awarded provider's rank or null when the engine did not rank it.
 */
export function rankingMetrics(ranks: readonly (number | null)[]): RankingMetrics {
  const distribution = rankDistribution(ranks);
  const present = ranks.filter((rank): rank is number => rank !== null);
  const awarded = ranks.length;
  let rankSum = 0;
  for (const rank of present) rankSum += rank;
  let rrSum = 0;
  let ndcgSum = 0;
  for (const rank of ranks) {
    rrSum += reciprocalRank(rank);
    ndcgSum += binaryNdcg(rank);
  }
  return {
    awarded,
    ranked: present.length,
    meanRank: present.length === 0 ? null : rankSum / present.length,
    mrr: awarded === 0 ? null : rrSum / awarded,
    ndcgAt10: awarded === 0 ? null : ndcgSum / awarded,
    distribution,
  };
}
