import { assertMinorUnits } from './minor-units.js';

/** A basis-point share of an amount in minor units, rounded down (docs/api.md "Money"). */
export function applyRateDown(amount: number, rateBps: number): number {
  assertMinorUnits(amount);
  if (!Number.isInteger(rateBps) || rateBps < 0 || rateBps > 10_000) {
    throw new RangeError(`rate must be 0..10000 bps, got ${rateBps}`);
  }
  // amount × rate may pass 2^53 before the division; BigInt keeps it exact.
  return Number((BigInt(amount) * BigInt(rateBps)) / 10_000n);
}
