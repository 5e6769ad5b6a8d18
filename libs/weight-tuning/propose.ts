import { replayRankingMetrics } from '../quality-metrics/index.js';
import type { SimplexWeights } from './coordinate-ascent.js';
import { holdOutLatest } from './holdout.js';
import { learnFromAwards, type AwardCase } from './learn-from-awards.js';

/** An awarded request as the platform recorded it. */
export interface RecordedAward extends AwardCase {
  requestId: string;
  /** Every candidate the engine stored for the request, with its factors: what the hold-out re-ranks. */
  ranked: readonly { providerId: string; factors: Readonly<Record<string, number>> }[];
}

export interface ProposalOptions {
  now: number;
  halfLifeDays: number;
  /** Fewer awards than this and nothing is proposed. */
  minAwards: number;
  /** Share of the latest requests held out. */
  holdoutShare?: number;
  fixed?: readonly string[];
}

interface Metrics {
  ndcgAt10: number | null;
  mrr: number | null;
}

export type Proposal =
  | { kind: 'insufficient'; awards: number; reason: string }
  | {
      kind: 'proposal';
      awards: number;
      trainedOn: number;
      heldOut: number;
      weights: Record<string, number>;
      metrics: { current: Metrics; proposed: Metrics };
      /** At least as good on the held-out requests in NDCG@10 and MRR. */
      holdsUp: boolean;
      /** Holds up and strictly better on one of them: what "apply when it holds up" applies. */
      improves: boolean;
    };

const EPSILON = 1e-9;

/**
 * What the learning job proposes for one alliance: its awards split by time (the latest
 * `holdoutShare` held out), weights learned from the older ones (learnFromAwards), and both the
 * current and the learned weights replayed on the held-out requests — the awarded provider's
 * NDCG@10 and reciprocal rank among everything the engine ranked for it.
 */
export function proposeWeights(current: SimplexWeights, awards: readonly RecordedAward[], options: ProposalOptions): Proposal {
  const { holdoutShare = 0.2, fixed = ['voucher_eligibility'] } = options;
  if (awards.length < options.minAwards) {
    return {
      kind: 'insufficient',
      awards: awards.length,
      reason: `${awards.length} awarded requests with a stored ranking, fewer than the ${options.minAwards} learning needs: the current weights stay`,
    };
  }
  const { train, holdout } = holdOutLatest(awards, (a) => a.at, holdoutShare);
  const learned = learnFromAwards(current, train, { now: options.now, halfLifeDays: options.halfLifeDays, fixed });
  const replay = (weights: SimplexWeights): Metrics => {
    const m = replayRankingMetrics(
      holdout.map((a) => ({ requestId: a.requestId, awardedProviderId: a.awardedId, candidates: a.ranked })),
      weights,
    );
    return { ndcgAt10: m.ndcgAt10, mrr: m.mrr };
  };
  const metrics = { current: replay(current), proposed: replay(learned.weights) };
  const [pn, cn, pm, cm] = [metrics.proposed.ndcgAt10 ?? 0, metrics.current.ndcgAt10 ?? 0, metrics.proposed.mrr ?? 0, metrics.current.mrr ?? 0];
  const holdsUp = pn >= cn - EPSILON && pm >= cm - EPSILON;
  return {
    kind: 'proposal',
    awards: awards.length,
    trainedOn: train.length,
    heldOut: holdout.length,
    weights: learned.weights,
    metrics,
    holdsUp,
    improves: holdsUp && (pn > cn + EPSILON || pm > cm + EPSILON),
  };
}
