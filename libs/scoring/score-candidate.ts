import { FACTORS, type FactorName, type Weights } from './factors.js';
import type { CandidateFacts, FactorResult, Reason, RequestFacts } from './facts.js';
import { countryCoverage, languageFit, sectorExperience, serviceFit } from './fit-factors.js';
import { quality, responsiveness, trackRecord } from './history-factors.js';
import { priceFit, voucherEligibility } from './price-factors.js';
import { assertWeights } from './weights.js';

export interface ScoredFactor {
  name: FactorName;
  value: number;
  weight: number;
  contribution: number;
}

export interface ScoredCandidate {
  score: number;
  factors: ScoredFactor[];
  reasons: Reason[];
}

type Evaluate = (request: RequestFacts, candidate: CandidateFacts) => FactorResult;

const EVALUATE: Readonly<Record<FactorName, Evaluate>> = {
  country_coverage: countryCoverage,
  service_fit: serviceFit,
  sector_experience: sectorExperience,
  language: languageFit,
  quality: (_request, candidate) => quality(candidate),
  responsiveness: (_request, candidate) => responsiveness(candidate),
  price_fit: priceFit,
  track_record: trackRecord,
  voucher_eligibility: (_request, candidate) => voucherEligibility(candidate),
};

export interface ScoreOptions {
  /** false leaves reasons empty, for ranking thousands of candidates before explaining the few shown. */
  reasons?: boolean;
}

/**
 * The weighted sum of every factor, with the factors and their reasons. The score is computed as
 * the sum of the contributions, so they add up to it exactly; with weights from resolveWeights it
 * lies in [0, 1]. Reasons run from the strongest contribution down, leaving out factors that add
 * nothing, unless nothing adds anything, when every reason explains the zero.
 */
export function scoreCandidate(request: RequestFacts, candidate: CandidateFacts, weights: Readonly<Weights>, options: ScoreOptions = {}): ScoredCandidate {
  assertWeights(weights);
  const factors: ScoredFactor[] = [];
  const explain: FactorResult['explain'][] = [];
  let score = 0;
  for (const name of FACTORS) {
    const result = EVALUATE[name](request, candidate);
    const weight = weights[name];
    const contribution = result.value * weight;
    score += contribution;
    factors.push({ name, value: result.value, weight, contribution });
    explain.push(result.explain);
  }
  if (options.reasons === false) return { score, factors, reasons: [] };
  const anything = score > 0;
  const reasons = factors
    .map((factor, i) => ({ factor, i }))
    .filter(({ factor }) => !anything || factor.contribution > 0)
    // Array.prototype.sort is stable: equal contributions keep FACTORS order.
    .sort((a, b) => b.factor.contribution - a.factor.contribution)
    .map(({ factor, i }): Reason => ({ factor: factor.name, ...explain[i]!() }));
  return { score, factors, reasons };
}
