// What a programme's terms do to one purchase: the subsidy rule of docs/api.md ("Award with a voucher"), for the create form's preview.
import { money } from './format.js';

/** 3000 bps → "30%", 2550 → "25.5%". */
export const ratePercent = (bps) => `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/**
 * subsidy = min(floor(price × rateBps / 10000), perVoucherCap, perEnterpriseCap), in minor units
 * (a voucher's remaining and the group's remaining can only lower it further).
 */
export function subsidyOf(price, { rateBps, perVoucherCap, perEnterpriseCap }) {
  const share = Number((BigInt(price) * BigInt(rateBps)) / 10000n);
  const cap = Math.min(perVoucherCap, perEnterpriseCap);
  return { share, cap, subsidy: Math.min(share, cap), capped: share > cap };
}

/** "¥1,200,000.00 → 30% = ¥360,000.00 → 封顶 capped ¥300,000.00" */
export function subsidyPreview(price, terms, currency = 'CNY') {
  const { share, subsidy, capped } = subsidyOf(price, terms);
  const head = `${money(price, currency)} → ${ratePercent(terms.rateBps)} = ${money(share, currency)}`;
  return capped ? `${head} → 封顶 capped ${money(subsidy, currency)}` : head;
}
