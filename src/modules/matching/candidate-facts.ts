import type { CandidateFacts, RequestFacts } from '../../../libs/scoring/index.js';
import { findCountry, sectionOfSector } from '../../../libs/reference-data/index.js';
import type { ServiceRequestRow } from '../../db/schema/requests.js';
import type { MatchCandidateRow } from '../providers/providers.service.js';
import type { ProviderHistory } from './provider-history.repository.js';

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

/** What scoring knows of a candidate: its profile, its history as of the run, and the best voucher estimate. */
export function candidateFactsOf(
  candidate: MatchCandidateRow,
  request: ServiceRequestRow,
  history: Readonly<ProviderHistory>,
  voucher: CandidateFacts['voucher'],
): CandidateFacts {
  const { openEngagements: _load, ...past } = history;
  return {
    countries: candidate.countries,
    overseasOffices: candidate.overseasOffices,
    services: candidate.services,
    sectors: candidate.sectors,
    languages: candidate.languages,
    priceBand: candidate.currency === request.currency ? { min: candidate.priceMin, max: candidate.priceMax } : null,
    ...past,
    voucher,
  };
}
