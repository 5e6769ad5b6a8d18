/** The matching factors of docs/architecture.md "Matching" 2., in the order they are reported. */
export const FACTORS = [
  'country_coverage',
  'service_fit',
  'sector_experience',
  'language',
  'quality',
  'responsiveness',
  'price_fit',
  'track_record',
  'voucher_eligibility',
] as const;

export type FactorName = (typeof FACTORS)[number];

export type Weights = Record<FactorName, number>;

/**
 * Platform defaults, summing to 1, chosen with the offline evaluator (`npm run match:eval --
 * --tune`, README "How the default weights were chosen"): coordinate ascent over five synthetic
 * market shapes (fit-led to quality-led, thin history, noisy ratings) under seeds the reported
 * table does not use. Candidates already cover a target country and offer a requested service
 * (the candidate SQL), so what separates them most is evidence that they deliver: quality (0.51)
 * and responsiveness (0.11) lead, fit to the need follows (country 0.09, services 0.09, language
 * 0.05, sector 0.04, price 0.02), then work already done in those countries (0.04). The voucher
 * is policy, not learnt (the markets hold no vouchers): 0.05, enough to tip near-equal providers
 * towards a subsidised one, too little for one district's subsidy to outrank a better provider
 * elsewhere, the district competition docs/product.md warns about.
 */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  country_coverage: 0.09,
  service_fit: 0.09,
  sector_experience: 0.04,
  language: 0.05,
  quality: 0.51,
  responsiveness: 0.11,
  price_fit: 0.02,
  track_record: 0.04,
  voucher_eligibility: 0.05,
});

const NAMES: ReadonlySet<string> = new Set(FACTORS);

export function isFactorName(name: string): name is FactorName {
  return NAMES.has(name);
}
