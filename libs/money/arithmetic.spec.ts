import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addMoney, minMoney, subtractMoney } from './arithmetic.js';
import { money } from './money.js';

const cny = (amount: number) => money(amount, 'CNY');

describe('addMoney', () => {
  it('adds amounts of one currency', () => {
    expect(addMoney(cny(150), cny(250))).toEqual(cny(400));
  });

  it('refuses to add different currencies', () => {
    expect(() => addMoney(cny(1), money(1, 'USD'))).toThrow(RangeError);
  });

  it('refuses a negative or fractional operand', () => {
    expect(() => addMoney(cny(1), { amount: -1, currency: 'CNY' })).toThrow(RangeError);
    expect(() => addMoney({ amount: 0.5, currency: 'CNY' }, cny(1))).toThrow(RangeError);
  });

  it('refuses a sum past Number.MAX_SAFE_INTEGER', () => {
    expect(addMoney(cny(Number.MAX_SAFE_INTEGER - 1), cny(1))).toEqual(cny(Number.MAX_SAFE_INTEGER));
    expect(() => addMoney(cny(Number.MAX_SAFE_INTEGER), cny(1))).toThrow(RangeError);
  });

  it('is exact whenever the sum is safe, and throws otherwise', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.maxSafeNat(), (a, b) => {
        const exact = BigInt(a) + BigInt(b);
        if (exact <= BigInt(Number.MAX_SAFE_INTEGER)) {
          expect(BigInt(addMoney(cny(a), cny(b)).amount)).toBe(exact);
        } else {
          expect(() => addMoney(cny(a), cny(b))).toThrow(RangeError);
        }
      }),
    );
  });
});

describe('subtractMoney', () => {
  it('subtracts amounts of one currency, down to zero', () => {
    expect(subtractMoney(cny(400), cny(150))).toEqual(cny(250));
    expect(subtractMoney(cny(400), cny(400))).toEqual(cny(0));
  });

  it('refuses a result below zero', () => {
    expect(() => subtractMoney(cny(1), cny(2))).toThrow(RangeError);
  });

  it('refuses to subtract different currencies', () => {
    expect(() => subtractMoney(cny(5), money(1, 'HKD'))).toThrow(RangeError);
  });

  it('undoes addMoney', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 52 }), fc.nat({ max: 2 ** 52 }), (a, b) => {
        expect(subtractMoney(addMoney(cny(a), cny(b)), cny(b))).toEqual(cny(a));
      }),
    );
  });
});

describe('minMoney', () => {
  it('picks the smallest amount', () => {
    expect(minMoney(cny(300), cny(100), cny(200))).toEqual(cny(100));
    expect(minMoney(cny(7))).toEqual(cny(7));
  });

  it('refuses a list mixing currencies', () => {
    expect(() => minMoney(cny(300), cny(100), money(50, 'USD'))).toThrow(RangeError);
  });

  it('never exceeds any of its arguments and is one of them', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat(), { minLength: 1 }), (amounts) => {
        const least = minMoney(cny(amounts[0]!), ...amounts.slice(1).map(cny));
        expect(amounts).toContain(least.amount);
        for (const a of amounts) expect(least.amount).toBeLessThanOrEqual(a);
      }),
    );
  });
});
