import { describe, expect, it } from '@jest/globals';
import { attemptsCovering, cappedDelay, retryWindowMs, scheduleCovering } from './index.js';

describe('cappedDelay', () => {
  it('starts at the base and doubles', () => {
    expect([1, 2, 3, 4].map((n) => cappedDelay(n, 1000, 600_000))).toEqual([1000, 2000, 4000, 8000]);
  });
  it('never waits longer than the cap, however many attempts', () => {
    expect(cappedDelay(11, 1000, 600_000)).toBe(600_000);
    expect(cappedDelay(5000, 1000, 600_000)).toBe(600_000);
  });
});

describe('attemptsCovering', () => {
  it('gives a schedule whose waits add up to the window, and one attempt fewer does not', () => {
    const day = 24 * 3600_000;
    const attempts = attemptsCovering(day, 1000, 600_000);
    expect(retryWindowMs({ attempts, baseMs: 1000, capMs: 600_000 })).toBeGreaterThanOrEqual(day);
    expect(retryWindowMs({ attempts: attempts - 1, baseMs: 1000, capMs: 600_000 })).toBeLessThan(day);
  });
  it('a receiver down for 90 s is retried within about a minute of its recovery', () => {
    const schedule = scheduleCovering(24 * 3600_000, 1000, 600_000);
    let at = 0;
    let n = 1;
    while (at < 90_000) at += cappedDelay(n++, schedule.baseMs, schedule.capMs);
    expect(at - 90_000).toBeLessThan(60_000);
  });
});
