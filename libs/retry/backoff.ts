/** A retry schedule: how many attempts, and delays doubling from `baseMs` up to `capMs`. */
export interface RetrySchedule {
  attempts: number;
  baseMs: number;
  capMs: number;
}

/** The wait before retry number `attemptsMade` (1 after the first failure): base · 2^(n−1), capped. */
export function cappedDelay(attemptsMade: number, baseMs: number, capMs: number): number {
  if (attemptsMade < 1) return 0;
  // 2^(n−1) overflows to Infinity long after the cap is reached; min() keeps it finite.
  return Math.min(baseMs * 2 ** (attemptsMade - 1), capMs);
}

/** From the first attempt to the last one: the sum of the waits between all attempts. */
export function retryWindowMs(schedule: RetrySchedule): number {
  let total = 0;
  for (let n = 1; n < schedule.attempts; n++) total += cappedDelay(n, schedule.baseMs, schedule.capMs);
  return total;
}

/** The fewest attempts whose waits add up to at least `windowMs`. */
export function attemptsCovering(windowMs: number, baseMs: number, capMs: number): number {
  if (baseMs <= 0 || capMs <= 0) throw new RangeError('base and cap must be positive');
  let attempts = 1;
  let total = 0;
  while (total < windowMs) {
    total += cappedDelay(attempts, baseMs, capMs);
    attempts++;
  }
  return attempts;
}

/** A schedule that keeps trying for at least `windowMs`, starting at `baseMs`, never waiting more than `capMs`. */
export function scheduleCovering(windowMs: number, baseMs: number, capMs: number): RetrySchedule {
  return { attempts: attemptsCovering(windowMs, baseMs, capMs), baseMs, capMs };
}
