import type { FactorName } from './factors.js';

/**
 * What scoring needs to know, gathered by the caller (the matching service loads it in SQL).
 * Money is in integer minor units, one currency: the caller converts a provider's price band or
 * passes null. Lookups of reference data come in as functions so that this library holds none.
 */
export interface RequestFacts {
  /** ISO 3166-1 alpha-2 target countries. */
  countries: readonly string[];
  /** Service codes requested. */
  services: readonly string[];
  /** GB/T 4754-2017 section letter ('C') or division ('38'). */
  sector: string;
  /** BCP 47 tags; compared on their primary language subtag. */
  languages: readonly string[];
  budget: Band;
  /** Section letter of a section or division code, undefined when unknown: reference data's sectionOfSector. */
  sectionOf: (sectorCode: string) => string | undefined;
  /** Country names for reasons: reference data's findCountry. Without it reasons show the code. */
  countryName?: (countryCode: string) => { nameZh: string; nameEn: string } | undefined;
}

/** An inclusive range of amounts in minor units, min ≤ max; min = max is one price. */
export interface Band {
  min: number;
  max: number;
}

export interface CandidateFacts {
  /** Countries the provider serves. */
  countries: readonly string[];
  /** Countries where it has an office; an office counts as coverage too. */
  overseasOffices: readonly string[];
  services: readonly string[];
  /** Section letters and division codes, as the provider lists them. */
  sectors: readonly string[];
  /** BCP 47 tags. */
  languages: readonly string[];
  /** In the budget's currency; null when it has none or it could not be converted. */
  priceBand: Band | null;
  /** Enterprise ratings (1..5): how many, and their sum. */
  ratingCount: number;
  ratingSum: number;
  /** Engagements that reached an end (completed, cancelled or disputed), and those completed. */
  engagementsClosed: number;
  engagementsCompleted: number;
  /** Requests the provider bid on, and those whose enterprise chose it (its engagements). */
  bidsPlaced: number;
  bidsWon: number;
  /** Invitations received, and those answered with a bid. */
  invitationsReceived: number;
  invitationsBid: number;
  /** Median hours from invitation to first bid; null when it has never bid. */
  medianHoursToFirstBid: number | null;
  /** Engagements completed in any of the request's target countries. */
  completedInTargetCountries: number;
  /**
   * The enterprise's best applicable voucher at an estimated price, worked out by the caller with
   * libs/money; null when no voucher applies.
   */
  voucher: { price: number; costAfterSubsidy: number } | null;
}

/** The facts that come from the marketplace's history rather than the provider's profile. */
export type HistoryFacts = Pick<
  CandidateFacts,
  | 'ratingCount'
  | 'ratingSum'
  | 'engagementsClosed'
  | 'engagementsCompleted'
  | 'bidsPlaced'
  | 'bidsWon'
  | 'invitationsReceived'
  | 'invitationsBid'
  | 'medianHoursToFirstBid'
  | 'completedInTargetCountries'
>;

/** A provider the marketplace knows nothing about yet. */
export const NO_HISTORY: Readonly<HistoryFacts> = Object.freeze({
  ratingCount: 0,
  ratingSum: 0,
  engagementsClosed: 0,
  engagementsCompleted: 0,
  bidsPlaced: 0,
  bidsWon: 0,
  invitationsReceived: 0,
  invitationsBid: 0,
  medianHoursToFirstBid: null,
  completedInTargetCountries: 0,
});

export interface Explanation {
  zh: string;
  en: string;
}

export interface Reason extends Explanation {
  factor: FactorName;
}

/**
 * One factor's value in [0, 1], before weighting, and why. The why is built on demand: matching
 * scores thousands of candidates and shows the reasons of a few.
 */
export interface FactorResult {
  value: number;
  explain: () => Explanation;
}
