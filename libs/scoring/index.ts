export { rankWithFairExposure, type ExposureCandidate, type FairExposureOptions, type RankedProvider } from './fair-exposure.js';
export { DEFAULT_WEIGHTS, FACTORS, type FactorName, type Weights } from './factors.js';
export { NO_HISTORY } from './facts.js';
export type { Band, CandidateFacts, Explanation, HistoryFacts, Reason, RequestFacts } from './facts.js';
export { scoreCandidate, type ScoreOptions, type ScoredCandidate, type ScoredFactor } from './score-candidate.js';
export { resolveWeights, type WeightsResolution } from './weights.js';
