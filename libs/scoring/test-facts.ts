// Builders and arbitraries shared by the specs (not exported from index.ts).
import fc from 'fast-check';
import { findCountry, sectionOfSector } from '../reference-data/index.js';
import { FACTORS, type Weights } from './factors.js';
import { NO_HISTORY, type Band, type CandidateFacts, type FactorResult, type RequestFacts } from './facts.js';

/** A factor result with its explanation spelled out, to compare whole. */
export function explained(result: FactorResult): { value: number; zh: string; en: string } {
  return { value: result.value, ...result.explain() };
}

export function requestFacts(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    countries: ['SA'],
    services: ['odi_filing'],
    sector: '38',
    languages: ['zh-CN'],
    budget: { min: 10_000_000, max: 30_000_000 },
    sectionOf: sectionOfSector,
    countryName: findCountry,
    ...overrides,
  };
}

export function candidateFacts(overrides: Partial<CandidateFacts> = {}): CandidateFacts {
  return {
    countries: [],
    overseasOffices: [],
    services: [],
    sectors: [],
    languages: [],
    priceBand: null,
    ...NO_HISTORY,
    voucher: null,
    ...overrides,
  };
}

const COUNTRIES = ['SA', 'AE', 'OM', 'EG', 'SG', 'HK', 'DE'];
const SERVICES = ['odi_filing', 'entity_setup', 'contracts', 'audit', 'tax_structuring', 'market_entry'];
const SECTORS = ['C', '36', '38', '13', 'F', '47', 'I', '64', 'ZZ'];
const LANGUAGES = ['zh', 'zh-CN', 'zh-Hant', 'en', 'en-GB', 'ar', 'ar-SA', 'fr'];

const codes = (pool: string[], minLength = 0) => fc.uniqueArray(fc.constantFrom(...pool), { minLength, maxLength: 4 });

export const bandArb: fc.Arbitrary<Band> = fc
  .tuple(fc.nat({ max: 1_000_000_000 }), fc.nat({ max: 1_000_000_000 }), fc.boolean())
  .map(([a, b, point]) => (point ? { min: a, max: a } : { min: Math.min(a, b), max: Math.max(a, b) }));

export const requestArb: fc.Arbitrary<RequestFacts> = fc
  .record({
    countries: codes(COUNTRIES, 1),
    services: codes(SERVICES, 1),
    sector: fc.constantFrom(...SECTORS),
    languages: codes(LANGUAGES),
    budget: bandArb,
  })
  .map((r) => requestFacts(r));

const ratingsArb = fc.nat({ max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: n, max: 5 * n })));
const outOfArb = fc.nat({ max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n })));
const voucherArb = fc.nat({ max: 1_000_000_000 }).chain((price) => fc.record({ price: fc.constant(price), costAfterSubsidy: fc.nat({ max: price }) }));

export const candidateArb: fc.Arbitrary<CandidateFacts> = fc
  .record({
    countries: codes(COUNTRIES),
    overseasOffices: codes(COUNTRIES),
    services: codes(SERVICES),
    sectors: codes(SECTORS),
    languages: codes(LANGUAGES),
    priceBand: fc.option(bandArb, { nil: null }),
    ratings: ratingsArb,
    engagements: outOfArb,
    bids: outOfArb,
    invitations: outOfArb,
    medianHoursToFirstBid: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null }),
    completedInTargetCountries: fc.nat({ max: 100 }),
    voucher: fc.option(voucherArb, { nil: null }),
  })
  .map(({ ratings, engagements, bids, invitations, ...rest }) =>
    candidateFacts({
      ...rest,
      ratingCount: ratings[0],
      ratingSum: ratings[1],
      engagementsClosed: engagements[0],
      engagementsCompleted: engagements[1],
      bidsPlaced: bids[0],
      bidsWon: bids[1],
      invitationsReceived: invitations[0],
      invitationsBid: invitations[1],
    }),
  );

/** Raw weights before normalisation, at least one of them positive, none so small as to vanish in the sum. */
export const rawWeightsArb: fc.Arbitrary<Weights> = fc
  .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })), { minLength: FACTORS.length, maxLength: FACTORS.length })
  .filter((ws) => ws.some((w) => w > 0))
  .map((ws) => Object.fromEntries(FACTORS.map((name, i) => [name, ws[i]])) as Weights);
