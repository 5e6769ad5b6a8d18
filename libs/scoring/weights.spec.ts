import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_WEIGHTS, FACTORS, type Weights } from './factors.js';
import { rawWeightsArb } from './test-facts.js';
import { resolveWeights, sumOfWeights } from './weights.js';

function resolved(overrides?: Partial<Weights>, base?: Weights): Weights {
  const result = resolveWeights(overrides, base);
  if (!result.ok) throw new Error(result.reason);
  return result.weights;
}

describe('DEFAULT_WEIGHTS', () => {
  it('covers every factor and sums to 1', () => {
    expect(Object.keys(DEFAULT_WEIGHTS).sort()).toEqual([...FACTORS].sort());
    expect(sumOfWeights(DEFAULT_WEIGHTS)).toBe(1);
  });

  it('are what resolveWeights gives without overrides', () => {
    const weights = resolved();
    for (const name of FACTORS) expect(weights[name]).toBeCloseTo(DEFAULT_WEIGHTS[name], 15);
  });
});

describe('resolveWeights', () => {
  it('lets an alliance replace platform weights key by key before normalising', () => {
    const weights = resolved({ voucher_eligibility: 0.25, language: 0 });
    // Raw total: 1 − 0.05 (voucher) + 0.25 − 0.05 (language) = 1.15.
    expect(weights.voucher_eligibility).toBeCloseTo(0.25 / 1.15, 12);
    expect(weights.language).toBe(0);
    expect(weights.country_coverage).toBeCloseTo(0.09 / 1.15, 12);
  });

  it('takes the base weights from the caller, e.g. configured platform defaults', () => {
    const base = { ...DEFAULT_WEIGHTS, quality: 0.45 };
    // Raw total: 1 − 0.51 + 0.45 (quality) − 0.02 (price) = 0.92.
    expect(resolved({ price_fit: 0 }, base).quality).toBeCloseTo(0.45 / 0.92, 12);
  });

  it.each([
    ['a negative weight', { quality: -0.1 }],
    ['NaN', { quality: Number.NaN }],
    ['infinity', { quality: Number.POSITIVE_INFINITY }],
    ['a string', { quality: '0.2' }],
    ['null', { quality: null }],
  ])('refuses %s', (_label, overrides) => {
    const result = resolveWeights(overrides as unknown as Partial<Weights>);
    expect(result).toEqual({ ok: false, code: 'invalid_weights', reason: expect.stringContaining('weight of quality') });
  });

  it('refuses a factor it does not know, in overrides or in the base', () => {
    expect(resolveWeights({ popularity: 0.5 } as Partial<Weights>)).toEqual({
      ok: false,
      code: 'invalid_weights',
      reason: 'unknown factor "popularity" in overrides',
    });
    expect(resolveWeights(undefined, { ...DEFAULT_WEIGHTS, distance: 1 } as Weights)).toMatchObject({ ok: false, code: 'invalid_weights' });
    expect(resolveWeights(JSON.parse('{"__proto__": {"quality": 1}}') as Partial<Weights>)).toMatchObject({ ok: false });
  });

  it('refuses a base that lacks a factor, and overrides that are not an object', () => {
    const { quality: _dropped, ...partial } = DEFAULT_WEIGHTS;
    expect(resolveWeights(undefined, partial as Weights)).toMatchObject({ ok: false, reason: expect.stringContaining('quality') });
    expect(resolveWeights([] as unknown as Partial<Weights>)).toMatchObject({ ok: false });
    expect(resolveWeights(null as unknown as Partial<Weights>)).toMatchObject({ ok: true });
  });

  it('refuses weights that are all zero', () => {
    const zeros = Object.fromEntries(FACTORS.map((name) => [name, 0])) as Weights;
    expect(resolveWeights(zeros)).toEqual({ ok: false, code: 'invalid_weights', reason: 'at least one weight must be positive' });
  });

  it('normalises any valid weights to sum 1, never above, keeping their proportions', () => {
    fc.assert(
      fc.property(rawWeightsArb, (raw) => {
        const weights = resolved(raw);
        const sum = sumOfWeights(weights);
        expect(sum).toBeLessThanOrEqual(1);
        expect(sum).toBeGreaterThan(1 - 1e-12);
        const total = sumOfWeights(raw);
        for (const name of FACTORS) {
          expect(weights[name]).toBeGreaterThanOrEqual(0);
          expect(weights[name]).toBeCloseTo(raw[name] / total, 12);
        }
      }),
    );
  });

  it('normalises weights too large to add up as they are', () => {
    const huge = Object.fromEntries(FACTORS.map((name) => [name, Number.MAX_VALUE])) as Weights;
    for (const weight of Object.values(resolved(huge))) expect(weight).toBeCloseTo(1 / FACTORS.length, 12);
  });

  it('gives a factor a larger share when its weight is doubled before normalising', () => {
    fc.assert(
      fc.property(rawWeightsArb, fc.constantFrom(...FACTORS), (raw, name) => {
        fc.pre(raw[name] > 0 && raw[name] < sumOfWeights(raw));
        expect(resolved({ ...raw, [name]: raw[name] * 2 })[name]).toBeGreaterThan(resolved(raw)[name]);
      }),
    );
  });
});
