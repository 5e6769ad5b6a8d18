import { Inject, Injectable } from '@nestjs/common';
import { replayRankingMetrics, type RankingMetrics, type ReplayRequest } from '../../../libs/quality-metrics/index.js';
import { DEFAULT_WEIGHTS, FACTORS, resolveWeights, type Weights } from '../../../libs/scoring/index.js';
import { holdOutLatest, tuneWeights } from '../../../libs/weight-tuning/index.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { AlliancesService } from '../alliances/alliances.service.js';
import { OutcomeHistoryRepository } from './outcome-history.repository.js';

/** Fewer training requests than this and the tuner keeps the current weights. */
export const MIN_TRAINING_REQUESTS = 10;
export const HOLDOUT_SHARE = 0.2;

export interface TuningReport {
  allianceId: string | null;
  requests: { train: number; holdout: number };
  current: Weights;
  proposed: Weights;
  metrics: { train: { current: RankingMetrics; proposed: RankingMetrics }; holdout: { current: RankingMetrics; proposed: RankingMetrics } };
  /** Whether the proposal does at least as well as the current weights on the held-out latest requests. */
  holdsUp: boolean;
  note: string | null;
}

/**
 * Weights tuned from outcomes: coordinate ascent on the simplex (libs/weight-tuning), from the
 * current weights, maximising the replay NDCG@10 of the awarded-and-well-rated providers over the
 * stored factor values of older requests; the latest 20% are held out and reported apart, so a
 * proposal that only fits the past shows as one.
 */
@Injectable()
export class WeightTuner {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
    private readonly outcomes: OutcomeHistoryRepository,
    private readonly alliances: AlliancesService,
  ) {}

  async propose(period: { from: Date; to: Date }, allianceId: string | null): Promise<TuningReport> {
    const current = await this.currentWeights(allianceId);
    const history = await this.outcomes.awardedWellRated(this.db, period.from, period.to, allianceId);
    const { train, holdout } = holdOutLatest(history, (h) => h.publishedAt.getTime(), HOLDOUT_SHARE);
    const replay = (rows: typeof history): ReplayRequest[] =>
      rows.map((h) => ({ requestId: h.requestId, awardedProviderId: h.awardedProviderId, candidates: h.candidates }));
    const [trainSet, holdoutSet] = [replay(train), replay(holdout)];
    let proposed = current;
    let note: string | null = null;
    if (trainSet.length < MIN_TRAINING_REQUESTS) {
      note = `${trainSet.length} awarded-and-well-rated requests to train on, fewer than ${MIN_TRAINING_REQUESTS}: the current weights are kept`;
    } else {
      const tuned = tuneWeights(current, (w) => replayRankingMetrics(trainSet, w).ndcgAt10 ?? 0);
      const resolved = resolveWeights(tuned.weights as Partial<Weights>);
      if (resolved.ok) proposed = resolved.weights;
    }
    const metrics = {
      train: { current: replayRankingMetrics(trainSet, current), proposed: replayRankingMetrics(trainSet, proposed) },
      holdout: { current: replayRankingMetrics(holdoutSet, current), proposed: replayRankingMetrics(holdoutSet, proposed) },
    };
    const holdsUp = (metrics.holdout.proposed.ndcgAt10 ?? 0) >= (metrics.holdout.current.ndcgAt10 ?? 0);
    return { allianceId, requests: { train: trainSet.length, holdout: holdoutSet.length }, current, proposed, metrics, holdsUp, note };
  }

  /** The alliance's effective weights (its overrides over the platform's), else the platform's. */
  private async currentWeights(allianceId: string | null): Promise<Weights> {
    const platform = this.config.matching.weights ?? { ...DEFAULT_WEIGHTS };
    if (!allianceId) return platform;
    const alliance = await this.alliances.get(allianceId);
    for (const district of alliance.districts) {
      const weights = await this.alliances.weightsForDistrict(district);
      if (weights) return weights;
    }
    return platform;
  }
}

/** Weights rounded for display and storage, renormalised by resolveWeights. */
export function roundedWeights(weights: Weights): Weights {
  const rounded = Object.fromEntries(FACTORS.map((f) => [f, Math.round(weights[f] * 1000) / 1000]));
  const resolved = resolveWeights(rounded);
  return resolved.ok ? resolved.weights : weights;
}
