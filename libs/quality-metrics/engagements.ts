import { mean, ratio } from './stats.js';

/** As the engagements module stores them. */
export type EngagementStatus = 'awaiting_payment' | 'in_progress' | 'delivered' | 'completed' | 'disputed' | 'cancelled';

export interface EngagementRecord {
  engagementId: string;
  /** The status now. */
  status: EngagementStatus;
  /** Whether a dispute was ever opened, however it ended. */
  everDisputed: boolean;
  /** The enterprise's rating, 1..5, or null if it has not rated. */
  rating: number | null;
}

export interface EngagementOutcomes {
  completion: {
    completed: number;
    /** Engagements that are completed, cancelled or disputed now. */
    settled: number;
    rate: number | null;
  };
  rating: { count: number; mean: number | null };
  disputes: { disputed: number; engagements: number; rate: number | null };
}

/** Statuses with an outcome; the rest (awaiting payment, in progress, delivered) are undecided. */
const SETTLED: ReadonlySet<EngagementStatus> = new Set(['completed', 'cancelled', 'disputed']);

/**
 * Completion rate = completed ÷ engagements completed, cancelled or disputed, by status now: an
 * engagement still under way has no outcome yet and is left out, an open dispute counts against
 * completion, and a dispute settled back into `completed` counts as completed.
 * Mean rating is over rated engagements only. Dispute rate = engagements ever disputed (or
 * disputed now) ÷ all engagements. Throws RangeError on a rating outside 1..5.
 */
export function engagementOutcomes(engagements: readonly EngagementRecord[]): EngagementOutcomes {
  let completed = 0;
  let settled = 0;
  let disputed = 0;
  const ratings: number[] = [];
  for (const engagement of engagements) {
    if (engagement.status === 'completed') completed++;
    if (SETTLED.has(engagement.status)) settled++;
    if (engagement.everDisputed || engagement.status === 'disputed') disputed++;
    const { rating } = engagement;
    if (rating !== null) {
      if (!Number.isFinite(rating) || rating < 1 || rating > 5) {
        throw new RangeError(`rating of ${engagement.engagementId} must be within 1..5, got ${rating}`);
      }
      ratings.push(rating);
    }
  }
  return {
    completion: { completed, settled, rate: ratio(completed, settled) },
    rating: { count: ratings.length, mean: mean(ratings) },
    disputes: { disputed, engagements: engagements.length, rate: ratio(disputed, engagements.length) },
  };
}
