export { concentration, gini, lorenzCurve, totalsByMember, type Concentration, type LorenzPoint } from './concentration.js';
export { coverageGaps, demandFromRequests, MIN_VETTED_MEMBERS, type CoverageGap, type DemandCell, type MemberCoverage } from './coverage.js';
export { engagementOutcomes, type EngagementOutcomes, type EngagementRecord, type EngagementStatus } from './engagements.js';
export {
  invitationToBid,
  timeToFirstBid,
  type BidRecord,
  type InvitationRecord,
  type InvitationToBid,
  type PublishedRequest,
  type TimeToFirstBid,
} from './funnel.js';
export {
  allianceQuality,
  awardedValueConcentration,
  awardRanks,
  invitationConcentration,
  type AllianceQuality,
  type AllianceQualityInput,
  type AwardedValueConcentration,
  type AwardRecord,
} from './quality.js';
export {
  binaryNdcg,
  NDCG_CUTOFF,
  rankDistribution,
  rankingMetrics,
  rankOf,
  reciprocalRank,
  type RankDistribution,
  type RankedCandidate,
  type RankingMetrics,
} from './ranking.js';
export {
  compareWeights,
  rankByWeights,
  replayRankingMetrics,
  SCORE_TIE_TOLERANCE,
  type ReplayCandidate,
  type ReplayComparison,
  type ReplayRanked,
  type ReplayRequest,
} from './replay.js';
export { mean, median, percentile } from './stats.js';
