export { randomRanking, rankBy, ratingOnlyRanking } from './baselines.js';
export { bidDelayHours, generateMarket, MARKET_COUNTRIES, type Market, type PastInvitation, type SyntheticProvider, type SyntheticRequest } from './market.js';
export { posteriorQuality } from './posterior.js';
export { CUTOFF, ndcgAt, reciprocalRankOfBest, scoreRankings, type MethodScore } from './metrics.js';
export { clamp, Random } from '../seeded-random/index.js';
export { MARKET_SHAPES, trainingShapes, type MarketShape } from './shapes.js';
export { trueFit, trueUtility } from './utility.js';
