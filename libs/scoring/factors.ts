/** The matching factors of ARCHITECTURE.md "Matching" 2., in the order they are reported. */
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
 * Platform defaults, summing to 1. Fit to the need itself comes first: where the provider works
 * (0.20, presence on the ground included, measure (7) of the Guiding Opinions) and whether it
 * offers the services (0.20). Evidence that it delivers comes next: ratings and completion
 * (0.15) and work already done in those countries (0.10). Sector and price are 0.10 each. Language
 * is 0.05 because nearly every member speaks Chinese, and responsiveness 0.05 because it is a
 * thin signal until a provider has history. The voucher is 0.05: enough to tip near-equal
 * providers towards a subsidised one, too little for one district's subsidy to outrank a better
 * fit elsewhere, the district competition PRODUCT.md warns about.
 */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  country_coverage: 0.2,
  service_fit: 0.2,
  sector_experience: 0.1,
  language: 0.05,
  quality: 0.15,
  responsiveness: 0.05,
  price_fit: 0.1,
  track_record: 0.1,
  voucher_eligibility: 0.05,
});

const NAMES: ReadonlySet<string> = new Set(FACTORS);

export function isFactorName(name: string): name is FactorName {
  return NAMES.has(name);
}
