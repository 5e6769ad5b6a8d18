/**
 * Splits history by time: the latest `share` (at least one item when there are two or more) is
 * held out, so tuned weights are judged on requests they were not tuned on, as they would be
 * used — on the requests that come next.
 */
export function holdOutLatest<T>(items: readonly T[], timeOf: (item: T) => number, share: number): { train: T[]; holdout: T[] } {
  if (!(share >= 0 && share < 1)) throw new RangeError(`share must be in [0, 1), got ${share}`);
  const sorted = [...items].sort((a, b) => timeOf(a) - timeOf(b));
  const held = sorted.length < 2 ? 0 : Math.max(1, Math.round(sorted.length * share));
  return { train: sorted.slice(0, sorted.length - held), holdout: sorted.slice(sorted.length - held) };
}
