import { describe, expect, it } from '@jest/globals';
// The web app's own module, run here as the page runs it.
import { money, parseMoney, ratePercent } from './format';
import { subsidyOf, subsidyPreview } from './subsidy';

const xuhui = { rateBps: 3000, perVoucherCap: 30_000_000, perEnterpriseCap: 30_000_000 };

describe("the programme form's subsidy preview", () => {
  it('shows 30% of ¥1,200,000 capped at ¥300,000, as docs/product.md tells it', () => {
    expect(subsidyPreview(120_000_000, xuhui, '封顶')).toBe('¥1,200,000.00 → 30% = ¥360,000.00 → 封顶 ¥300,000.00');
  });
  it('shows no cap when the share stays under it, and takes the lower of the two caps', () => {
    expect(subsidyPreview(50_000_000, xuhui, 'capped')).toBe('¥500,000.00 → 30% = ¥150,000.00');
    expect(subsidyOf(50_000_000, { ...xuhui, perEnterpriseCap: 10_000_000 })).toEqual({
      share: 15_000_000,
      cap: 10_000_000,
      subsidy: 10_000_000,
      capped: true,
    });
  });
  it('rounds the share down to the fen and stays exact past 2^53', () => {
    expect(subsidyOf(333, { rateBps: 3000, perVoucherCap: 1e9, perEnterpriseCap: 1e9 }).share).toBe(99);
    expect(subsidyOf(9_000_000_000_000, { rateBps: 5000, perVoucherCap: 9e15, perEnterpriseCap: 9e15 }).share).toBe(4_500_000_000_000);
  });
  it('prints rates without trailing zeros', () => {
    expect([3000, 2550, 1, 10_000].map(ratePercent)).toEqual(['30%', '25.5%', '0.01%', '100%']);
  });
});

describe('money as a person reads and types it', () => {
  it('prints minor units exactly, in the currency’s digits', () => {
    expect(money(120_000_000, 'CNY')).toBe('¥1,200,000.00');
    expect(money({ amount: 5, currency: 'CNY' })).toBe('¥0.05');
    expect(money(1234, 'JPY')).toBe('JPY 1,234');
    expect(money(null)).toBe('–');
  });
  it('reads what a person types, with separators, and refuses what is not an amount', () => {
    expect(['1,200,000', '300000.5', '¥ 12.34', '０', '12.345', '-5', ''].map((t) => parseMoney(t))).toEqual([
      120_000_000,
      30_000_050,
      1234,
      null,
      null,
      null,
      null,
    ]);
  });
});
