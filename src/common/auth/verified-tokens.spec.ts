import { describe, expect, it } from '@jest/globals';
import type { TokenClaims } from './caller.js';
import { VerifiedTokens } from './verified-tokens.js';

const claims: TokenClaims = { sub: 'officer-1', role: 'district_officer', org: 'pudong' };
const now = 1_800_000_000_000;

describe('verified tokens', () => {
  it('answers a remembered token until its exp, and not after', () => {
    const tokens = new VerifiedTokens(10, 60 * 60_000);
    tokens.remember('a', claims, now / 1000 + 30, now);
    expect(tokens.get('a', now + 29_999)).toEqual(claims);
    expect(tokens.get('a', now + 30_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps a long-lived token no longer than the maximum age, so a withdrawn key stops admitting it', () => {
    const tokens = new VerifiedTokens(10, 5 * 60_000);
    tokens.remember('a', claims, now / 1000 + 12 * 3600, now);
    expect(tokens.get('a', now + 5 * 60_000 - 1)).toEqual(claims);
    expect(tokens.get('a', now + 5 * 60_000)).toBeUndefined();
  });

  it('does not keep a token that has already expired', () => {
    const tokens = new VerifiedTokens(10);
    tokens.remember('a', claims, now / 1000 - 1, now);
    expect(tokens.get('a', now)).toBeUndefined();
  });

  it('holds at most its capacity, dropping the oldest first', () => {
    const tokens = new VerifiedTokens(2);
    for (const token of ['a', 'b', 'c']) tokens.remember(token, claims, now / 1000 + 60, now);
    expect(tokens.size).toBe(2);
    expect(tokens.get('a', now)).toBeUndefined();
    expect(tokens.get('c', now)).toEqual(claims);
  });
});
