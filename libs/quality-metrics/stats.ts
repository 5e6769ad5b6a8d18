function assertFinite(values: readonly number[]): void {
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`values must be finite numbers, got ${value}`);
  }
}

/**
 * The p-quantile (p in [0, 1]) by linear interpolation between closest ranks, Hyndman and Fan's
 * type 7 (numpy's default, Excel's PERCENTILE.INC): with the values sorted ascending and
 * h = (n − 1)·p, it is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]), indices from 0. So the median of
 * an even count is the mean of the middle two, and p90 of 1..10 is 9.1. null when there are no
 * values: "no data" is not 0.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!Number.isFinite(p) || p < 0 || p > 1) throw new RangeError(`p must be in [0, 1], got ${p}`);
  assertFinite(values);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const fraction = h - below;
  const low = sorted[below]!;
  if (fraction === 0) return low;
  const high = sorted[below + 1]!;
  return low + fraction * (high - low);
}

/** percentile(values, 0.5). */
export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** The arithmetic mean; null when there are no values. */
export function mean(values: readonly number[]): number | null {
  assertFinite(values);
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** part ÷ whole, null when whole is 0 (a rate of nothing is unknown, not 0). */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
