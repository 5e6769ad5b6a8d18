import { assertAtMost, assertBand, assertCount } from './check.js';
import type { CandidateFacts, FactorResult, RequestFacts } from './facts.js';
import { fixed, percent } from './text.js';

/** Without a comparable price band price neither helps nor hurts. */
export const UNKNOWN_PRICE_VALUE = 0.5;

/**
 * Whether the provider could bid within the budget: 1 when its price band and the budget overlap
 * at all (inclusive bands), 0 when the band lies wholly above the budget or wholly below it (the
 * budget's minimum says what scale of work the enterprise expects). How much of either band the
 * overlap covers is not graded: the bid names one price, and a price inside the budget is as good
 * whichever end of its band it comes from (issue 30: graded overlap ranked a provider straddling
 * the budget's edge below one inside it, which a price-led market's awards show it is not).
 */
export function priceFit(request: RequestFacts, candidate: CandidateFacts): FactorResult {
  const budget = request.budget;
  const band = candidate.priceBand;
  assertBand('budget', budget);
  if (band === null) {
    return fixed(UNKNOWN_PRICE_VALUE, '价格区间无法与预算比较', 'Price band not comparable with the budget');
  }
  assertBand('priceBand', band);
  if (band.min > budget.max) return fixed(0, '价格区间高于预算', 'Price band lies above the budget');
  if (band.max < budget.min) return fixed(0, '价格区间低于预算', 'Price band lies below the budget');
  if (band.min >= budget.min && band.max <= budget.max) {
    return fixed(1, '价格区间在预算范围内', 'Price band lies within the budget');
  }
  if (band.min <= budget.min && band.max >= budget.max) {
    return fixed(1, '价格区间涵盖整个预算', 'Price band spans the whole budget');
  }
  // Straddling one edge: the reason says which end of the band the budget reaches.
  return band.min < budget.min
    ? fixed(1, '价格区间的高端在预算范围内', 'The upper end of the price band lies within the budget')
    : fixed(1, '价格区间的低端在预算范围内', 'The lower end of the price band lies within the budget');
}

/** 1 − cost after subsidy ÷ price: the share of the price a voucher would pay; 0 without one. */
export function voucherEligibility(candidate: CandidateFacts): FactorResult {
  const voucher = candidate.voucher;
  if (voucher === null) return fixed(0, '无适用的代金券', 'No voucher applies');
  assertCount('voucher.price', voucher.price);
  assertCount('voucher.costAfterSubsidy', voucher.costAfterSubsidy);
  assertAtMost('voucher.costAfterSubsidy', voucher.costAfterSubsidy, 'voucher.price', voucher.price);
  const value = voucher.price === 0 ? 0 : (voucher.price - voucher.costAfterSubsidy) / voucher.price;
  return { value, explain: () => ({ zh: `可用代金券补贴价格的 ${percent(value)}`, en: `A voucher would pay ${percent(value)} of the price` }) };
}
