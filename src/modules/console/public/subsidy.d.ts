// Types of subsidy.js (a browser module) for its unit test.
export interface SubsidyTerms {
  rateBps: number;
  perVoucherCap: number;
  perEnterpriseCap: number;
}
export function ratePercent(bps: number): string;
export function subsidyOf(price: number, terms: SubsidyTerms): { share: number; cap: number; subsidy: number; capped: boolean };
export function subsidyPreview(price: number, terms: SubsidyTerms, currency?: string): string;
