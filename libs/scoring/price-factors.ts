import { assertAtMost, assertBand, assertCount } from './check.js';
import type { CandidateFacts, FactorResult, RequestFacts } from './facts.js';
import { fixed, percent } from './text.js';

/** Without a comparable price band price neither helps nor hurts. */
export const UNKNOWN_PRICE_VALUE = 0.5;

/**
 * The overlap of the price band and the budget over the narrower of the two (inclusive bands):
 * 1 when either lies inside the other, so a provider whose band sits within the budget, or whose
 * band spans all of it, fits fully; a share of the budget when the band straddles one of its
 * edges. A zero-width band fits fully when the other band contains it, not at all otherwise. A
 * band wholly below the budget scores 0 like one above it: the budget's minimum says what scale
 * of work the enterprise expects.
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
  // Straddling an edge, so both bands have width and the overlap is a proper share of the narrower.
  const overlap = Math.min(band.max, budget.max) - Math.max(band.min, budget.min);
  const bandWidth = band.max - band.min;
  const budgetWidth = budget.max - budget.min;
  const value = overlap / Math.min(bandWidth, budgetWidth);
  const explain = () =>
    budgetWidth <= bandWidth
      ? { zh: `价格区间覆盖预算的 ${percent(value)}`, en: `Price band covers ${percent(value)} of the budget` }
      : { zh: `价格区间的 ${percent(value)} 在预算范围内`, en: `${percent(value)} of the price band lies within the budget` };
  return { value, explain };
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
