// What a programme's terms do to one purchase: the subsidy rule of docs/api.md ("Award with a voucher").
import { money, ratePercent } from './format';

export interface Terms {
  rateBps: number;
  perVoucherCap: number;
  perEnterpriseCap: number;
}

/** subsidy = min(floor(price × rateBps / 10000), perVoucherCap, perEnterpriseCap), in minor units. */
export function subsidyOf(price: number, { rateBps, perVoucherCap, perEnterpriseCap }: Terms) {
  const share = Number((BigInt(price) * BigInt(rateBps)) / 10000n);
  const cap = Math.min(perVoucherCap, perEnterpriseCap);
  return { share, cap, subsidy: Math.min(share, cap), capped: share > cap };
}

/** "¥1,200,000.00 → 30% = ¥360,000.00 → 封顶 capped ¥300,000.00" */
export function subsidyPreview(price: number, terms: Terms, cappedWord: string, currency = 'CNY'): string {
  const { share, subsidy, capped } = subsidyOf(price, terms);
  const head = `${money(price, currency)} → ${ratePercent(terms.rateBps)} = ${money(share, currency)}`;
  return capped ? `${head} → ${cappedWord} ${money(subsidy, currency)}` : head;
}
