export { randomRanking, rankBy, ratingOnlyRanking } from './baselines.js';
export { bidDelayHours, generateMarket, MARKET_COUNTRIES, type Market, type PastInvitation, type SyntheticProvider, type SyntheticRequest } from './market.js';
export { posteriorExpectedGain, posteriorOfQuality, posteriorQuality } from './posterior.js';
export { CUTOFF, gainOf, ndcgAt, reciprocalRankOfBest, scoreRankings, type MethodScore } from './metrics.js';
export { clamp, Random } from '../seeded-random/index.js';
export {
  ALL_SHAPES,
  AWARD_HISTORY,
  AWARD_NOISE,
  DEFAULT_FIT_MIX,
  LEARNED_SHAPES,
  MARKET_SHAPES,
  trainingShapes,
  type FitMix,
  type MarketShape,
} from './shapes.js';
export { trueFit, trueUtility } from './utility.js';
export { AWARD_INVITED, simulateAward, type SimulatedAward } from './awards.js';
