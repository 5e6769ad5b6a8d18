import { describe, expect, it } from '@jest/globals';
import type { CandidateFacts } from './facts.js';
import * as price from './price-factors.js';
import { candidateFacts, explained, requestFacts } from './test-facts.js';

const fit = (budget: [number, number], band: [number, number] | null) =>
  explained(
    price.priceFit(requestFacts({ budget: { min: budget[0], max: budget[1] } }), candidateFacts({ priceBand: band && { min: band[0], max: band[1] } })),
  );
const voucherEligibility = (c: CandidateFacts) => explained(price.voucherEligibility(c));

describe('priceFit', () => {
  it('gives 1 to a band inside the budget', () => {
    expect(fit([100, 200], [120, 180])).toEqual({ value: 1, zh: '价格区间在预算范围内', en: 'Price band lies within the budget' });
  });

  it('gives 1 to a band spanning the whole budget', () => {
    expect(fit([100, 200], [0, 1000])).toEqual({ value: 1, zh: '价格区间涵盖整个预算', en: 'Price band spans the whole budget' });
  });

  it('gives 1 to a band straddling an edge of the budget, however little of it overlaps', () => {
    expect(fit([100, 200], [150, 300])).toEqual({ value: 1, zh: '价格区间的低端在预算范围内', en: 'The lower end of the price band lies within the budget' });
    expect(fit([100, 200], [190, 230])).toEqual({ value: 1, zh: '价格区间的低端在预算范围内', en: 'The lower end of the price band lies within the budget' });
    expect(fit([100, 200], [10, 101])).toEqual({ value: 1, zh: '价格区间的高端在预算范围内', en: 'The upper end of the price band lies within the budget' });
    expect(fit([0, 1000], [999, 2000]).value).toBe(1);
  });

  it('gives 1 to a band touching the budget at one price, 0 to one a unit beyond it', () => {
    expect(fit([100, 200], [200, 300]).value).toBe(1);
    expect(fit([100, 200], [50, 100]).value).toBe(1);
    expect(fit([100, 200], [201, 300]).value).toBe(0);
    expect(fit([100, 200], [50, 99]).value).toBe(0);
  });

  it('gives 0 to a band above or below the budget', () => {
    expect(fit([100, 200], [250, 300])).toEqual({ value: 0, zh: '价格区间高于预算', en: 'Price band lies above the budget' });
    expect(fit([100, 200], [10, 50])).toEqual({ value: 0, zh: '价格区间低于预算', en: 'Price band lies below the budget' });
  });

  it('handles zero-width bands: a point inside the other band fits, outside does not', () => {
    expect(fit([100, 100], [50, 150]).value).toBe(1);
    expect(fit([100, 200], [120, 120]).value).toBe(1);
    expect(fit([100, 200], [200, 200]).value).toBe(1);
    expect(fit([100, 100], [100, 100]).value).toBe(1);
    expect(fit([100, 100], [101, 101]).value).toBe(0);
    expect(fit([100, 100], [101, 300]).value).toBe(0);
  });

  it('is a neutral 0.5 without a comparable price band', () => {
    expect(fit([100, 200], null)).toEqual({ value: 0.5, zh: '价格区间无法与预算比较', en: 'Price band not comparable with the budget' });
  });

  it('refuses a reversed band and amounts that are not minor units', () => {
    expect(() => fit([200, 100], [120, 180])).toThrow(RangeError);
    expect(() => fit([100, 200], [180, 120])).toThrow(RangeError);
    expect(() => fit([100, 200], [1.5, 180])).toThrow(RangeError);
  });
});

describe('voucherEligibility', () => {
  it('gives the subsidy share: 1 − 700,000 ÷ 1,000,000 = 0.3', () => {
    const result = voucherEligibility(candidateFacts({ voucher: { price: 100_000_000, costAfterSubsidy: 70_000_000 } }));
    expect(result).toEqual({ value: 0.3, zh: '可用代金券补贴价格的 30%', en: 'A voucher would pay 30% of the price' });
  });

  it('gives 0 without a voucher and for a zero price', () => {
    expect(voucherEligibility(candidateFacts())).toEqual({ value: 0, zh: '无适用的代金券', en: 'No voucher applies' });
    expect(voucherEligibility(candidateFacts({ voucher: { price: 0, costAfterSubsidy: 0 } })).value).toBe(0);
  });

  it('refuses a cost after subsidy above the price', () => {
    expect(() => voucherEligibility(candidateFacts({ voucher: { price: 100, costAfterSubsidy: 101 } }))).toThrow(RangeError);
  });
});
