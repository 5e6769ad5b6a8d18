import { describe, expect, it } from '@jest/globals';
import { gcra } from './gcra.js';

const MINUTE = 60_000;

function spend(count: number, at: number, tat: number | undefined, limit = 4) {
  const allowed: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const decision = gcra(tat, at, limit, MINUTE);
    allowed.push(decision.allowed);
    tat = decision.tat;
  }
  return { allowed, tat };
}

describe('gcra token bucket', () => {
  it('lets the full limit through at once, then refuses with the wait until one token is back', () => {
    const first = spend(4, 0, undefined);
    expect(first.allowed).toEqual([true, true, true, true]);
    const refused = gcra(first.tat, 0, 4, MINUTE);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 15_000 });
  });

  it('counts down remaining requests and the time until the bucket is full', () => {
    expect(gcra(undefined, 0, 4, MINUTE)).toMatchObject({ allowed: true, remaining: 3, resetMs: 15_000 });
  });

  it('has no window edge: a limit spent just before a minute boundary is not renewed just after it', () => {
    const before = spend(4, 59_900, undefined);
    const after = spend(4, 60_100, before.tat);
    expect(after.allowed).toEqual([false, false, false, false]);
  });

  it('refills one request per interval and never more than the limit after a long pause', () => {
    const spent = spend(4, 0, undefined);
    expect(spend(2, 15_000, spent.tat).allowed).toEqual([true, false]);
    expect(spend(5, 10 * MINUTE, spent.tat).allowed).toEqual([true, true, true, true, false]);
  });
});
