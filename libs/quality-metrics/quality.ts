import { money, type Money } from '../money/index.js';
import { concentration, totalsByMember, type Concentration } from './concentration.js';
import { coverageGaps, type CoverageGap, type DemandCell, type MemberCoverage } from './coverage.js';
import { engagementOutcomes, type EngagementOutcomes, type EngagementRecord } from './engagements.js';
import {
  invitationToBid,
  timeToFirstBid,
  type BidRecord,
  type InvitationRecord,
  type InvitationToBid,
  type PublishedRequest,
  type TimeToFirstBid,
} from './funnel.js';
import { rankingMetrics, rankOf, type RankedCandidate, type RankingMetrics } from './ranking.js';

/** An awarded request: who won, for how much, and the engine's stored ranking for it. */
export interface AwardRecord {
  requestId: string;
  providerId: string;
  value: Money;
  ranking: readonly RankedCandidate[];
}

/**
 * One alliance over one period. The caller selects the period's records; nothing here reads a
 * clock or filters by date.
 */
export interface AllianceQualityInput {
  /** Provider ids of the alliance's members, each counted in concentration even with nothing. */
  members: readonly string[];
  requests: readonly PublishedRequest[];
  invitations: readonly InvitationRecord[];
  bids: readonly BidRecord[];
  awards: readonly AwardRecord[];
  engagements: readonly EngagementRecord[];
  demand: readonly DemandCell[];
  vettedMembers: readonly MemberCoverage[];
}

export interface AwardedValueConcentration extends Concentration {
  /** The awards' currency; null with no awards. */
  currency: string | null;
}

export interface AllianceQuality {
  invitationToBid: InvitationToBid;
  timeToFirstBid: TimeToFirstBid;
  awardRank: RankingMetrics;
  engagements: EngagementOutcomes;
  concentration: { invitations: Concentration; awardedValue: AwardedValueConcentration };
  coverageGaps: CoverageGap[];
}

/** The awarded provider's rank in each award's stored ranking, null where it was not ranked. */
export function awardRanks(awards: readonly AwardRecord[]): (number | null)[] {
  return awards.map((award) => rankOf(award.ranking, award.providerId));
}

/** Gini and Lorenz curve of distinct (request, provider) invitations per member. */
export function invitationConcentration(members: readonly string[], invitations: readonly InvitationRecord[]): Concentration {
  const pairs = new Map(invitations.map((i) => [`${i.requestId}\u0000${i.providerId}`, i.providerId]));
  return concentration(
    totalsByMember(
      members,
      [...pairs.values()].map((providerId) => ({ providerId, amount: 1 })),
    ),
  );
}

/**
 * Gini and Lorenz curve of awarded value per member, in minor units. Amounts in two currencies
 * cannot be added, so the caller converts them to one first; a mix throws RangeError.
 */
export function awardedValueConcentration(members: readonly string[], awards: readonly AwardRecord[]): AwardedValueConcentration {
  const currency = awards[0]?.value.currency ?? null;
  const entries = awards.map(({ providerId, value }) => {
    money(value.amount, value.currency);
    if (value.currency !== currency) throw new RangeError(`currency mismatch: ${currency} and ${value.currency}`);
    return { providerId, amount: value.amount };
  });
  return { ...concentration(totalsByMember(members, entries)), currency };
}

/** Every match-quality metric of docs/api.md "Match quality" except manager verdicts, in one object. */
export function allianceQuality(input: AllianceQualityInput): AllianceQuality {
  return {
    invitationToBid: invitationToBid(input.invitations, input.bids),
    timeToFirstBid: timeToFirstBid(input.requests, input.bids),
    awardRank: rankingMetrics(awardRanks(input.awards)),
    engagements: engagementOutcomes(input.engagements),
    concentration: {
      invitations: invitationConcentration(input.members, input.invitations),
      awardedValue: awardedValueConcentration(input.members, input.awards),
    },
    coverageGaps: coverageGaps(input.demand, input.vettedMembers),
  };
}
