/** Weights over named factors, non-negative and summing to 1: a point of the simplex. */
export type SimplexWeights = Readonly<Record<string, number>>;

export interface TuneOptions {
  /** Step sizes tried in turn, coarse to fine. */
  steps?: readonly number[];
  /** Rounds over all factors per step size, at most. */
  maxRounds?: number;
  /** A move must improve the objective by more than this to be taken. */
  minGain?: number;
}

export interface TuneResult {
  weights: Record<string, number>;
  value: number;
  startValue: number;
  evaluations: number;
}

function normalise(weights: Record<string, number>): Record<string, number> {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('at least one weight must be positive');
  return Object.fromEntries(Object.entries(weights).map(([k, w]) => [k, w / total]));
}

/**
 * Coordinate ascent on the simplex: for each factor, try giving it `step` more weight (the
 * others shrink in proportion) and `step` less (the others grow in proportion); keep the best
 * move that improves `objective`, and repeat until no move does, then refine the step. Every
 * point visited is non-negative and sums to 1, so the result can be stored as weights directly.
 * Deterministic: factors are visited in key order.
 */
export function tuneWeights(start: SimplexWeights, objective: (weights: SimplexWeights) => number, options: TuneOptions = {}): TuneResult {
  const { steps = [0.1, 0.05, 0.02, 0.01], maxRounds = 20, minGain = 1e-9 } = options;
  const names = Object.keys(start).sort();
  for (const name of names) {
    const w = start[name]!;
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`weight of ${name} must be a non-negative finite number, got ${w}`);
  }
  let current = normalise({ ...start });
  let value = objective(current);
  const startValue = value;
  let evaluations = 1;
  for (const step of steps) {
    for (let round = 0; round < maxRounds; round++) {
      let best: { weights: Record<string, number>; value: number } | null = null;
      for (const name of names) {
        for (const direction of [1, -1]) {
          const moved = { ...current };
          moved[name] = Math.max(0, moved[name]! + direction * step);
          if (moved[name] === current[name] || Object.values(moved).every((w) => w === 0)) continue;
          const candidate = normalise(moved);
          const v = objective(candidate);
          evaluations++;
          if (v > (best?.value ?? value) + minGain) best = { weights: candidate, value: v };
        }
      }
      if (!best) break;
      current = best.weights;
      value = best.value;
    }
  }
  return { weights: current, value, startValue, evaluations };
}
