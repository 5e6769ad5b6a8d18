import { describe, expect, it } from '@jest/globals';
import { Random } from '../seeded-random/index.js';
import { awardWeight, learnFromAwards, proposeWeights, type AwardCase } from './index.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
const EVEN = { coverage: 0.25, language: 0.25, price: 0.25, quality: 0.25 };

/** Requests of eight candidates with random factors; the award goes to the highest taste · factors plus Gumbel noise. */
function awards(random: Random, taste: Record<string, number>, count: number, firstDaysAgo: number, lastDaysAgo: number): AwardCase[] {
  return Array.from({ length: count }, (_, r) => {
    const candidates = Array.from({ length: 8 }, (_, i) => ({
      id: `c${i}`,
      factors: Object.fromEntries(Object.keys(EVEN).map((f) => [f, random.next()])),
    }));
    const utility = candidates.map(
      (c) => Object.entries(taste).reduce((s, [f, w]) => s + w * c.factors[f]!, 0) - 0.04 * Math.log(-Math.log(random.next() || 1e-12)),
    );
    const awarded = candidates[utility.indexOf(Math.max(...utility))]!;
    const daysAgo = firstDaysAgo + ((lastDaysAgo - firstDaysAgo) * r) / Math.max(1, count - 1);
    return { at: NOW - daysAgo * DAY, awardedId: awarded.id, rating: 5, candidates };
  });
}

describe('awardWeight', () => {
  it('weighs by stars and halves every half-life', () => {
    expect(awardWeight({ at: NOW, rating: 5 }, NOW, 90)).toBe(1);
    expect(awardWeight({ at: NOW, rating: 1 }, NOW, 90)).toBe(0);
    expect(awardWeight({ at: NOW, rating: 3 }, NOW, 90)).toBe(0.5);
    expect(awardWeight({ at: NOW - 90 * DAY, rating: 5 }, NOW, 90)).toBeCloseTo(0.5, 12);
    expect(awardWeight({ at: NOW, rating: null }, NOW, 90)).toBe(0.5);
    expect(() => awardWeight({ at: NOW, rating: 5 }, NOW, 0)).toThrow(RangeError);
  });
});

describe('learnFromAwards', () => {
  it('recovers a language-led taste from 200 awards, the weights on the simplex', () => {
    const taste = { coverage: 0.15, language: 0.55, price: 0.1, quality: 0.2 };
    const learned = learnFromAwards(EVEN, awards(new Random(7), taste, 200, 300, 1), { now: NOW, halfLifeDays: 10_000 });
    expect(Object.values(learned.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(Object.values(learned.weights).every((w) => w >= 0)).toBe(true);
    for (const [factor, w] of Object.entries(taste)) expect(learned.weights[factor]).toBeCloseTo(w, 1);
    expect(learned.logLikelihood.learned).toBeGreaterThan(learned.logLikelihood.current);
  });

  it('keeps fixed factors at their current weight', () => {
    const learned = learnFromAwards({ ...EVEN, voucher: 0.2 }, awards(new Random(8), { language: 1 }, 60, 100, 1), {
      now: NOW,
      halfLifeDays: 90,
      fixed: ['voucher'],
    });
    expect(learned.weights.voucher).toBe(0.2);
    expect(learned.weights.language).toBeGreaterThan(0.4);
  });

  it('keeps the current weights without awards, or with awards rated 1★ only', () => {
    expect(learnFromAwards(EVEN, [], { now: NOW, halfLifeDays: 90 }).weights).toEqual(EVEN);
    const regretted = awards(new Random(9), { language: 1 }, 20, 10, 1).map((a) => ({ ...a, rating: 1 }));
    expect(learnFromAwards(EVEN, regretted, { now: NOW, halfLifeDays: 90 }).weights).toEqual(EVEN);
  });

  it('follows a taste that drifted, with a half-life, where the whole history averages it away', () => {
    const random = new Random(11);
    // A year ago the enterprises bought on price; for the last six months, on language.
    const history = [...awards(random, { price: 0.7, quality: 0.3 }, 150, 360, 181), ...awards(random, { language: 0.7, quality: 0.3 }, 150, 180, 1)];
    const recent = learnFromAwards(EVEN, history, { now: NOW, halfLifeDays: 30 });
    const whole = learnFromAwards(EVEN, history, { now: NOW, halfLifeDays: 100_000 });
    expect(recent.weights.language).toBeGreaterThan(2 * recent.weights.price!);
    expect(recent.weights.language).toBeGreaterThan(whole.weights.language! + 0.1);
    expect(whole.weights.price).toBeGreaterThan(recent.weights.price! + 0.1);
  });
});

describe('proposeWeights', () => {
  const recorded = (list: AwardCase[]) =>
    list.map((a, i) => ({ ...a, requestId: `r${i}`, ranked: a.candidates.map((c) => ({ providerId: c.id, factors: c.factors })) }));

  it('proposes nothing under the minimum, and says why', () => {
    const proposal = proposeWeights(EVEN, recorded(awards(new Random(3), { language: 1 }, 29, 100, 1)), { now: NOW, halfLifeDays: 90, minAwards: 30 });
    expect(proposal).toEqual({ kind: 'insufficient', awards: 29, reason: expect.stringMatching(/29 awarded requests .* fewer than the 30/) });
  });

  it('learns a language-led taste that holds up on the latest requests, held out', () => {
    const proposal = proposeWeights(EVEN, recorded(awards(new Random(4), { language: 0.7, quality: 0.3 }, 60, 200, 1)), {
      now: NOW,
      halfLifeDays: 90,
      minAwards: 30,
      fixed: [],
    });
    if (proposal.kind !== 'proposal') throw new Error('expected a proposal');
    expect(proposal).toMatchObject({ awards: 60, trainedOn: 48, heldOut: 12, holdsUp: true, improves: true });
    expect(proposal.metrics.proposed.ndcgAt10!).toBeGreaterThan(proposal.metrics.current.ndcgAt10!);
    expect(proposal.weights.language).toBeGreaterThan(0.5);
  });

  it('follows a taste that changed halfway: with the half-life the proposal takes the recent taste, and it holds up on the latest requests', () => {
    // Awards over a year: price-led for the first six months, language-led for the last six.
    const random = new Random(12);
    const history = recorded([...awards(random, { price: 0.7, quality: 0.3 }, 100, 360, 181), ...awards(random, { language: 0.7, quality: 0.3 }, 100, 180, 1)]);
    const options = { now: NOW, minAwards: 30, fixed: [] };
    const withHalfLife = proposeWeights(EVEN, history, { ...options, halfLifeDays: 30 });
    const withoutHalfLife = proposeWeights(EVEN, history, { ...options, halfLifeDays: 1_000_000 });
    if (withHalfLife.kind !== 'proposal' || withoutHalfLife.kind !== 'proposal') throw new Error('expected proposals');
    expect(withHalfLife.weights.language).toBeGreaterThan(3 * withHalfLife.weights.price!);
    expect(withHalfLife.weights.language).toBeGreaterThan(withoutHalfLife.weights.language! + 0.1);
    expect(withHalfLife.improves).toBe(true);
    // The held-out requests are the latest, language-led ones: the recent taste ranks their awards higher.
    expect(withHalfLife.metrics.proposed.mrr!).toBeGreaterThan(withoutHalfLife.metrics.proposed.mrr!);
  });
});
