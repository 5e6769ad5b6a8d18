import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyRateDown, money } from '../money/index.js';
import { computeSubsidy, type SubsidyInput } from './index.js';

const cny = (amount: number) => money(amount, 'CNY');
const rmb = (yuan: number) => cny(yuan * 100);

/** Xuhui: 30% of purchases from in-district providers, capped at 300,000 RMB (docs/product.md). */
const xuhui = (price: number, overrides: Partial<SubsidyInput> = {}): SubsidyInput => ({
  price: rmb(price),
  rateBps: 3000,
  perVoucherCap: rmb(300_000),
  perEnterpriseCap: rmb(1_000_000),
  voucherRemaining: rmb(500_000),
  groupUsed: rmb(0),
  ...overrides,
});

describe('computeSubsidy', () => {
  it('gives Xuhui 300,000 RMB on a 1,200,000 RMB purchase, limited by the cap rather than 360,000', () => {
    expect(computeSubsidy(xuhui(1_200_000))).toEqual({ subsidy: cny(30_000_000), limitedBy: 'per_voucher_cap' });
  });

  it('gives Xuhui 150,000 RMB on a 500,000 RMB purchase, limited by the rate', () => {
    expect(computeSubsidy(xuhui(500_000))).toEqual({ subsidy: rmb(150_000), limitedBy: 'rate' });
  });

  it('gives Lingang 40,000 RMB at 50% of an 80,000 RMB purchase', () => {
    const lingang = xuhui(80_000, { rateBps: 5000, perVoucherCap: rmb(1_000_000) });
    expect(computeSubsidy(lingang)).toEqual({ subsidy: rmb(40_000), limitedBy: 'rate' });
  });

  it('stops at what is left on the voucher', () => {
    expect(computeSubsidy(xuhui(500_000, { voucherRemaining: rmb(20_000) }))).toEqual({
      subsidy: rmb(20_000),
      limitedBy: 'voucher',
    });
  });

  it('stops at what the group has left under the per-enterprise cap', () => {
    const input = xuhui(500_000, { perEnterpriseCap: rmb(300_000), groupUsed: rmb(250_000) });
    expect(computeSubsidy(input)).toEqual({ subsidy: rmb(50_000), limitedBy: 'per_enterprise_cap' });
  });

  it('gives nothing to a group already at or past its cap', () => {
    const input = xuhui(500_000, { perEnterpriseCap: rmb(300_000), groupUsed: rmb(310_000) });
    expect(computeSubsidy(input)).toEqual({ subsidy: rmb(0), limitedBy: 'per_enterprise_cap' });
  });

  it('names the rate when the rate share exactly meets the cap', () => {
    expect(computeSubsidy(xuhui(1_000_000)).limitedBy).toBe('rate');
  });

  it('drops a fraction of a fen instead of rounding up', () => {
    expect(computeSubsidy({ ...xuhui(0), price: cny(333) }).subsidy).toEqual(cny(99));
  });

  it('refuses amounts in different currencies', () => {
    expect(() => computeSubsidy(xuhui(1000, { voucherRemaining: money(100, 'USD') }))).toThrow(RangeError);
    expect(() => computeSubsidy(xuhui(1000, { groupUsed: money(0, 'USD') }))).toThrow(RangeError);
  });

  it('refuses a negative amount and a rate outside 0..10000 bps', () => {
    expect(() => computeSubsidy(xuhui(1000, { price: { amount: -1, currency: 'CNY' } }))).toThrow(RangeError);
    expect(() => computeSubsidy(xuhui(1000, { rateBps: 10_001 }))).toThrow(RangeError);
  });

  const amount = fc.integer({ min: 0, max: 1e13 });
  const input = fc.record({
    price: amount.map(cny),
    rateBps: fc.integer({ min: 0, max: 10_000 }),
    perVoucherCap: amount.map(cny),
    perEnterpriseCap: amount.map(cny),
    voucherRemaining: amount.map(cny),
    groupUsed: amount.map(cny),
  });

  it('equals the least of the rate share, both caps and the voucher, and names a bound that equals it', () => {
    fc.assert(
      fc.property(input, (i) => {
        const { subsidy, limitedBy } = computeSubsidy(i);
        const bounds = {
          rate: applyRateDown(i.price.amount, i.rateBps),
          per_voucher_cap: i.perVoucherCap.amount,
          per_enterprise_cap: Math.max(0, i.perEnterpriseCap.amount - i.groupUsed.amount),
          voucher: i.voucherRemaining.amount,
        };
        expect(subsidy).toEqual(cny(Math.min(...Object.values(bounds))));
        expect(bounds[limitedBy]).toBe(subsidy.amount);
      }),
    );
  });

  it('never gives more for a lower price', () => {
    fc.assert(
      fc.property(input, amount, (i, cut) => {
        const lower = cny(Math.max(0, i.price.amount - cut));
        expect(computeSubsidy({ ...i, price: lower }).subsidy.amount).toBeLessThanOrEqual(computeSubsidy(i).subsidy.amount);
      }),
    );
  });
});
