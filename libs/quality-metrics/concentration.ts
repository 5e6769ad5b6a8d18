/** A point of a Lorenz curve: the poorest `memberShare` of members hold `valueShare` of the value. */
export interface LorenzPoint {
  memberShare: number;
  valueShare: number;
}

export interface Concentration {
  /** 0 when every member has the same, (n − 1)/n when one member has everything. */
  gini: number;
  lorenz: LorenzPoint[];
}

/** Values ascending, divided by the largest so that sums of huge values stay finite. */
function scaledAscending(values: readonly number[]): number[] {
  let largest = 0;
  for (const value of values) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`values must be non-negative finite numbers, got ${value}`);
    if (value > largest) largest = value;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return largest === 0 ? sorted : sorted.map((value) => value / largest);
}

/**
 * The Gini coefficient G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2·n²·mean), computed in its sorted form
 * G = Σᵢ (2i − n − 1)·x₍ᵢ₎ / (n·Σx) with x ascending and i from 1. Members with nothing count as
 * zeros. No members, or nothing at all to share, gives 0: nothing is concentrated.
 * [1, 1, 1, 1] → 0, [1, 2, 3, 4] → 0.25, [0, 0, 0, 4] → 0.75.
 */
export function gini(values: readonly number[]): number {
  const sorted = scaledAscending(values);
  const n = sorted.length;
  let total = 0;
  let weighted = 0;
  sorted.forEach((value, i) => {
    total += value;
    weighted += (2 * (i + 1) - n - 1) * value;
  });
  if (total === 0) return 0;
  // Rounding can leave an all-equal list an ulp below zero.
  return Math.max(0, weighted / (n * total));
}

/**
 * Lorenz curve points: (0, 0), then after each member in ascending order of value the share of
 * members so far and the share of value they hold, ending at (1, 1). With nothing to share the
 * curve is the line of equality, as a Gini of 0 says.
 */
export function lorenzCurve(values: readonly number[]): LorenzPoint[] {
  const sorted = scaledAscending(values);
  const n = sorted.length;
  if (n === 0)
    return [
      { memberShare: 0, valueShare: 0 },
      { memberShare: 1, valueShare: 1 },
    ];
  const cumulative: number[] = [];
  let running = 0;
  for (const value of sorted) cumulative.push((running += value));
  // The last running sum is the total, so the last point is exactly (1, 1).
  const total = running;
  return [
    { memberShare: 0, valueShare: 0 },
    ...cumulative.map((sum, i) => ({ memberShare: (i + 1) / n, valueShare: total === 0 ? (i + 1) / n : sum / total })),
  ];
}

export function concentration(values: readonly number[]): Concentration {
  return { gini: gini(values), lorenz: lorenzCurve(values) };
}

/**
 * One total per member, in the order of `members` (a member listed twice counts once), 0 for a
 * member with no entry. Entries for providers outside `members` (e.g. one that has left the
 * alliance) are left out: concentration is measured across members.
 */
export function totalsByMember(members: readonly string[], entries: readonly { providerId: string; amount: number }[]): number[] {
  const totals = new Map<string, number>();
  for (const member of members) totals.set(member, 0);
  for (const { providerId, amount } of entries) {
    const current = totals.get(providerId);
    if (current !== undefined) totals.set(providerId, current + amount);
  }
  return [...totals.values()];
}
