import type { CandidateFacts, RequestFacts } from '../../../libs/scoring/index.js';
import { findCountry, sectionOfSector } from '../../../libs/reference-data/index.js';
import type { ServiceRequestRow } from '../../db/schema/index.js';
import type { MatchCandidateRow } from '../providers/providers.service.js';

export function requestFactsOf(request: ServiceRequestRow): RequestFacts {
  return {
    countries: request.countries,
    services: request.services,
    sector: request.sector,
    languages: request.languages,
    budget: { min: request.budgetMin, max: request.budgetMax },
    sectionOf: sectionOfSector,
    countryName: findCountry,
  };
}

/**
 * What scoring knows of a candidate. Ratings, completions, bids and vouchers have no data until
 * engagements, bids and vouchers exist (their issues), so those factors take their neutral
 * no-history values from libs/scoring for every candidate alike.
 */
export function candidateFactsOf(candidate: MatchCandidateRow, request: ServiceRequestRow): CandidateFacts {
  return {
    countries: candidate.countries,
    overseasOffices: candidate.overseasOffices,
    services: candidate.services,
    sectors: candidate.sectors,
    languages: candidate.languages,
    priceBand: candidate.currency === request.currency ? { min: candidate.priceMin, max: candidate.priceMax } : null,
    ratingCount: 0,
    ratingSum: 0,
    engagementsClosed: 0,
    engagementsCompleted: 0,
    invitationsReceived: 0,
    invitationsBid: 0,
    medianHoursToFirstBid: null,
    completedInTargetCountries: 0,
    voucher: null,
  };
}
