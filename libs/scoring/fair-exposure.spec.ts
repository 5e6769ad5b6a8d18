import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { rankWithFairExposure, type ExposureCandidate } from './fair-exposure.js';

const BAND = 0.02;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
const provider = (providerId: string, score: number, recentInvitations = 0, lastInvitedAt: Date | null = null): ExposureCandidate => ({
  providerId,
  score,
  recentInvitations,
  lastInvitedAt,
});
const order = (items: ExposureCandidate[], seed = 'request-1', band = BAND) => rankWithFairExposure(items, { band, seed }).map((r) => r.providerId);

const itemArb = fc.record({
  providerId: fc.uuid(),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
  recentInvitations: fc.nat({ max: 20 }),
  lastInvitedAt: fc.option(fc.integer({ min: 0, max: 365 }).map(day), { nil: null }),
});
const itemsArb = fc.uniqueArray(itemArb, { selector: (i) => i.providerId, maxLength: 30 });

describe('rankWithFairExposure', () => {
  it('ranks a provider clearly above the band first whatever its invitations', () => {
    expect(order([provider('a', 0.8), provider('b', 0.79), provider('star', 0.9, 50, day(10))])[0]).toBe('star');
  });

  it('puts the less-invited of two near-equal providers first', () => {
    expect(order([provider('busy', 0.81, 5), provider('idle', 0.8, 1)])).toEqual(['idle', 'busy']);
  });

  it('then puts the one invited longer ago first, and one never invited before both', () => {
    const items = [provider('recent', 0.81, 2, day(30)), provider('older', 0.8, 2, day(3)), provider('never', 0.795, 2, null)];
    expect(order(items)).toEqual(['never', 'older', 'recent']);
  });

  it('keeps score order across the band edge: a group starts at its top and takes everything within the band', () => {
    // 0.80 and 0.78 share a group (0.80 − 0.02); 0.77 starts the next one with 0.76.
    const items = [provider('a', 0.8, 9), provider('b', 0.78, 0), provider('c', 0.77, 9), provider('d', 0.76, 0)];
    expect(rankWithFairExposure(items, { band: BAND, seed: 's' })).toEqual([
      { providerId: 'b', score: 0.78, rank: 1 },
      { providerId: 'a', score: 0.8, rank: 2 },
      { providerId: 'd', score: 0.76, rank: 3 },
      { providerId: 'c', score: 0.77, rank: 4 },
    ]);
  });

  it('ranks by score alone with a band of 0, ties aside', () => {
    expect(order([provider('a', 0.5, 0), provider('b', 0.7, 9), provider('c', 0.6, 0)], 's', 0)).toEqual(['b', 'c', 'a']);
  });

  it('refuses a negative or non-finite band, a non-finite score and an invalid date', () => {
    expect(() => order([provider('a', 0.5)], 's', -0.01)).toThrow(RangeError);
    expect(() => order([provider('a', 0.5)], 's', Number.NaN)).toThrow(RangeError);
    expect(() => order([provider('a', Number.NaN)])).toThrow(RangeError);
    expect(() => order([provider('a', 0.5, 0, new Date('not a date'))])).toThrow(RangeError);
  });

  it('gives ranks 1..n to every provider once', () => {
    fc.assert(
      fc.property(itemsArb, fc.string(), (items, seed) => {
        const ranked = rankWithFairExposure(items, { band: BAND, seed });
        expect(ranked.map((r) => r.rank)).toEqual(items.map((_, i) => i + 1));
        expect(ranked.map((r) => r.providerId).sort()).toEqual(items.map((i) => i.providerId).sort());
      }),
    );
  });

  it('never ranks a provider above one whose score is more than a band higher', () => {
    fc.assert(
      fc.property(itemsArb, fc.string(), fc.double({ min: 0, max: 0.2, noNaN: true }), (items, seed, band) => {
        const ranked = rankWithFairExposure(items, { band, seed });
        for (let i = 0; i < ranked.length; i++) {
          for (let j = i + 1; j < ranked.length; j++) expect(ranked[j]!.score - ranked[i]!.score).toBeLessThanOrEqual(band + 1e-9);
        }
      }),
    );
  });

  it('ranks first a provider whose score lies above the band of everyone else', () => {
    fc.assert(
      fc.property(itemsArb, fc.string(), fc.nat({ max: 100 }), (items, seed, invitations) => {
        const top = Math.max(0, ...items.map((i) => i.score));
        const star = provider('star', top + BAND + 0.001, invitations, day(400));
        expect(order([...items, star], seed)[0]).toBe('star');
      }),
    );
  });

  it('ranks the same way for the same seed, whatever order the providers come in', () => {
    fc.assert(
      fc.property(itemsArb, fc.string(), (items, seed) => {
        expect(order([...items].reverse(), seed)).toEqual(order(items, seed));
      }),
    );
  });

  it('ranks 200,000 near-equal providers in one band', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => provider(`p${i}`, 0.8 - (i % 100) / 10_000, i % 5));
    const ranked = rankWithFairExposure(many, { band: BAND, seed: 's' });
    expect(ranked.map((r) => r.rank)).toEqual(many.map((_, i) => i + 1));
    expect(Number(ranked[0]!.providerId.slice(1)) % 5).toBe(0);
  });

  it('breaks ties differently across requests', () => {
    const tied = ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => provider(id, 0.8));
    const firsts = new Set(Array.from({ length: 50 }, (_, i) => order(tied, `request-${i}`)[0]));
    expect(firsts.size).toBeGreaterThan(1);
  });
});

describe('rankWithFairExposure over many similar requests', () => {
  /** Each request invites the top `invite`; invitations count until the end of the run. */
  function simulate(scores: Record<string, number>, requests: number, invite: number, band: number) {
    const state = new Map(Object.entries(scores).map(([id, score]) => [id, provider(id, score)]));
    const invited = new Map([...state.keys()].map((id) => [id, 0]));
    const firsts = new Set<string>();
    for (let r = 0; r < requests; r++) {
      const ranked = rankWithFairExposure([...state.values()], { band, seed: `request-${r}` });
      firsts.add(ranked[0]!.providerId);
      for (const { providerId } of ranked.slice(0, invite)) {
        const p = state.get(providerId)!;
        state.set(providerId, { ...p, recentInvitations: p.recentInvitations + 1, lastInvitedAt: new Date(Date.UTC(2026, 0, 1) + r * 3_600_000) });
        invited.set(providerId, invited.get(providerId)! + 1);
      }
    }
    return { invited, firsts };
  }

  const nearEqual = { a: 0.8, b: 0.797, c: 0.792, d: 0.786, e: 0.781 };

  it('spreads 400 invitations among 5 near-equal providers, none above 1.5× its fair share', () => {
    const { invited } = simulate(nearEqual, 200, 2, BAND);
    for (const count of invited.values()) {
      expect(count).toBeLessThanOrEqual(1.5 * 80);
      expect(count).toBeGreaterThanOrEqual(0.5 * 80);
    }
  });

  it('would give every invitation to the same two without the band', () => {
    const { invited } = simulate(nearEqual, 200, 2, 0);
    expect([...invited.values()]).toEqual([200, 200, 0, 0, 0]);
  });

  it('still ranks a provider 0.1 above the band first in every request, spreading the other slot', () => {
    const { invited, firsts } = simulate({ ...nearEqual, star: 0.8 + BAND + 0.1 }, 200, 2, BAND);
    expect([...firsts]).toEqual(['star']);
    expect(invited.get('star')).toBe(200);
    for (const id of Object.keys(nearEqual)) expect(invited.get(id)).toBeLessThanOrEqual(1.5 * 40);
  });
});
