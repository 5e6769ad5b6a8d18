import { DEFAULT_WEIGHTS, FACTORS, isFactorName, type Weights } from './factors.js';

export type WeightsResolution = { ok: true; weights: Weights } | { ok: false; code: 'invalid_weights'; reason: string };

function invalid(reason: string): WeightsResolution {
  return { ok: false, code: 'invalid_weights', reason };
}

/** Summed in FACTORS order, the order scoreCandidate sums contributions in. */
export function sumOfWeights(weights: Readonly<Weights>): number {
  let sum = 0;
  for (const name of FACTORS) sum += weights[name];
  return sum;
}

/**
 * Overrides (an alliance's) replace the base weights (the platform's) key by key; the result is
 * normalised to sum 1. Overrides come from configuration, so they are checked as untyped input.
 */
export function resolveWeights(overrides?: Partial<Weights>, base: Readonly<Weights> = DEFAULT_WEIGHTS): WeightsResolution {
  for (const [label, source] of [
    ['base', base],
    ['overrides', overrides ?? {}],
  ] as const) {
    if (source === null || typeof source !== 'object' || Array.isArray(source)) return invalid(`${label} must be an object of weights`);
    const unknown = Object.keys(source).filter((key) => !isFactorName(key));
    if (unknown.length > 0) return invalid(`unknown factor ${unknown.map((k) => JSON.stringify(k)).join(', ')} in ${label}`);
  }
  const merged = {} as Weights;
  for (const name of FACTORS) {
    const override = overrides?.[name];
    const weight: unknown = override === undefined ? base[name] : override;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      return invalid(`weight of ${name} must be a non-negative finite number, got ${String(weight)}`);
    }
    merged[name] = weight;
  }
  const largest = Math.max(...FACTORS.map((name) => merged[name]));
  if (largest === 0) return invalid('at least one weight must be positive');
  return { ok: true, weights: normalise(merged, largest) };
}

function normalise(weights: Weights, largest: number): Weights {
  // Scaling by the largest first keeps the total finite however large the weights are.
  const scaled = {} as Weights;
  for (const name of FACTORS) scaled[name] = weights[name] / largest;
  const total = sumOfWeights(scaled);
  const result = {} as Weights;
  for (const name of FACTORS) result[name] = scaled[name] / total;
  // Rounding can leave the sum an ulp above 1; taking the excess off the largest weight keeps
  // every score, a sum of value × weight with values ≤ 1, within [0, 1].
  const top = FACTORS.reduce((a, b) => (result[b] > result[a] ? b : a));
  for (let excess = sumOfWeights(result) - 1; excess > 0; excess = sumOfWeights(result) - 1) {
    result[top] -= Math.max(excess, Number.EPSILON / 2);
  }
  return result;
}

/** Weights as resolveWeights returns them: all factors, non-negative, summing to 1. */
export function assertWeights(weights: Readonly<Weights>): void {
  for (const name of FACTORS) {
    const weight = weights[name];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`weight of ${name} must be a non-negative finite number, got ${String(weight)}`);
    }
  }
  const sum = sumOfWeights(weights);
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`weights must sum to 1 (use resolveWeights), got ${sum}`);
}
