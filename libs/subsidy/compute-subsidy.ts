import { applyRateDown, minMoney, money, type Money } from '../money/index.js';

/** Everything the subsidy formula reads (docs/api.md "Award with a voucher"); one currency throughout. */
export interface SubsidyInput {
  price: Money;
  rateBps: number;
  perVoucherCap: Money;
  /** Applies to the enterprise's group (same parentUscc), not to each subsidiary. */
  perEnterpriseCap: Money;
  /** What is still unspent on the voucher before this purchase. */
  voucherRemaining: Money;
  /** What the group has already been granted in this programme, excluding this purchase. */
  groupUsed: Money;
}

export type SubsidyLimit = 'rate' | 'per_voucher_cap' | 'per_enterprise_cap' | 'voucher';

export interface SubsidyResult {
  subsidy: Money;
  /** The bound that decided the amount; on a tie, the first in SUBSIDY_LIMITS. */
  limitedBy: SubsidyLimit;
}

/**
 * Tie order: the rate first (nothing was cut), then the programme's caps, then the voucher,
 * so a subsidy equal to the rate share is never reported as "capped".
 */
export const SUBSIDY_LIMITS: readonly SubsidyLimit[] = ['rate', 'per_voucher_cap', 'per_enterprise_cap', 'voucher'];

/**
 * subsidy = min(floor(price × rateBps / 10000), voucher remaining, group remaining under
 * perEnterpriseCap, perVoucherCap) — docs/api.md. Rounding down happens only in applyRateDown.
 * Throws RangeError on a currency mismatch, a negative or fractional amount, or a bad rate.
 */
export function computeSubsidy(input: SubsidyInput): SubsidyResult {
  const currency = input.price.currency;
  const all = [input.price, input.perVoucherCap, input.perEnterpriseCap, input.voucherRemaining, input.groupUsed];
  for (const m of all) {
    money(m.amount, m.currency);
    if (m.currency !== currency) throw new RangeError(`currency mismatch: ${currency} and ${m.currency}`);
  }
  // A group already at or past its cap (e.g. grants made before a correction) has nothing left;
  // this is a business outcome, not an impossible input.
  const groupRemaining = Math.max(0, input.perEnterpriseCap.amount - input.groupUsed.amount);
  const bounds: Record<SubsidyLimit, Money> = {
    rate: money(applyRateDown(input.price.amount, input.rateBps), currency),
    per_voucher_cap: input.perVoucherCap,
    per_enterprise_cap: money(groupRemaining, currency),
    voucher: input.voucherRemaining,
  };
  const least = minMoney(bounds.rate, bounds.per_voucher_cap, bounds.per_enterprise_cap, bounds.voucher);
  const limitedBy = SUBSIDY_LIMITS.find((limit) => bounds[limit].amount === least.amount)!;
  return { subsidy: money(least.amount, currency), limitedBy };
}
