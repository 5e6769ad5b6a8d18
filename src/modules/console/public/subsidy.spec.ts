import { describe, expect, it } from '@jest/globals';
// The console's own browser module, run here as the page runs it.
import { ratePercent, subsidyOf, subsidyPreview } from './subsidy.js';

const xuhui = { rateBps: 3000, perVoucherCap: 30_000_000, perEnterpriseCap: 30_000_000 };

describe("the create form's subsidy preview", () => {
  it('shows 30% of ¥1,200,000 capped at ¥300,000, as docs/product.md tells it', () => {
    expect(subsidyPreview(120_000_000, xuhui)).toBe('¥1,200,000.00 → 30% = ¥360,000.00 → 封顶 capped ¥300,000.00');
  });
  it('shows no cap when the share stays under it, and takes the lower of the two caps', () => {
    expect(subsidyPreview(50_000_000, xuhui)).toBe('¥500,000.00 → 30% = ¥150,000.00');
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
