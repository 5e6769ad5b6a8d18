import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { binaryNdcg } from './ranking.js';
import { compareWeights, rankByWeights, replayRankingMetrics, type ReplayCandidate, type ReplayRequest } from './replay.js';

const candidate = (providerId: string, factors: Record<string, number>): ReplayCandidate => ({ providerId, factors });
const order = (candidates: ReplayCandidate[], weights: Record<string, number>) => rankByWeights(candidates, weights).map((r) => r.providerId);

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const candidatesArb = fc.uniqueArray(
  fc.record({ providerId: fc.string({ minLength: 1, maxLength: 4 }), factors: fc.record({ a: unit, b: unit, c: unit, d: unit }, { requiredKeys: [] }) }),
  { selector: (c) => c.providerId, maxLength: 25 },
);
const weightsArb = fc
  .record({ a: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })), b: unit, c: unit, d: unit })
  .filter((w) => Object.values(w).some((x) => x >= 1e-6))
  .map((w) => Object.fromEntries(Object.entries(w).map(([k, x]) => [k, x < 1e-6 ? 0 : x])));

describe('rankByWeights', () => {
  it('ranks by Σ weight × factor with weights scaled to sum 1, a missing factor counting 0', () => {
    const candidates = [
      candidate('a', { quality: 0.8, price: 0.2 }), // 0.6 + 0.05
      candidate('b', { quality: 0.6, price: 1 }), // 0.45 + 0.25
      candidate('c', { quality: 1 }), // 0.75
      candidate('d', { price: 1, distance: 1 }), // 0.25: distance has no weight
    ];
    const ranked = rankByWeights(candidates, { quality: 3, price: 1 });
    expect(ranked.map((r) => [r.providerId, r.rank])).toEqual([
      ['c', 1],
      ['b', 2],
      ['a', 3],
      ['d', 4],
    ]);
    [0.75, 0.7, 0.65, 0.25].forEach((score, i) => expect(ranked[i]!.score).toBeCloseTo(score, 15));
  });

  it('breaks ties, and differences below 1e-9, by provider id; a larger gap orders by score', () => {
    expect(order([candidate('y', { q: 0.5 }), candidate('x', { q: 0.5 })], { q: 1 })).toEqual(['x', 'y']);
    expect(order([candidate('x', { q: 0.5 + 1e-12 }), candidate('w', { q: 0.5 })], { q: 1 })).toEqual(['w', 'x']);
    expect(order([candidate('x', { q: 0.5 + 1e-6 }), candidate('w', { q: 0.5 })], { q: 1 })).toEqual(['x', 'w']);
  });

  it('ranks nobody for no candidates', () => {
    expect(rankByWeights([], { q: 1 })).toEqual([]);
  });

  it('refuses a factor outside [0, 1], a negative weight, weights all 0 and a provider listed twice', () => {
    expect(() => rankByWeights([candidate('a', { q: 1.2 })], { q: 1 })).toThrow(RangeError);
    expect(() => rankByWeights([candidate('a', { unweighted: -0.1 })], { q: 1 })).toThrow(RangeError);
    expect(() => rankByWeights([candidate('a', { q: 1 })], { q: -1, r: 2 })).toThrow(RangeError);
    expect(() => rankByWeights([candidate('a', { q: 1 })], { q: 0 })).toThrow(RangeError);
    expect(() => rankByWeights([candidate('a', { q: 1 }), candidate('a', { q: 0 })], { q: 1 })).toThrow(RangeError);
  });

  it('gives ranks 1..n to every candidate once, with scores in [0, 1]', () => {
    fc.assert(
      fc.property(candidatesArb, weightsArb, (candidates, weights) => {
        const ranked = rankByWeights(candidates, weights);
        expect(ranked.map((r) => r.rank)).toEqual(candidates.map((_, i) => i + 1));
        expect(ranked.map((r) => r.providerId).sort()).toEqual(candidates.map((c) => c.providerId).sort());
        for (const { score } of ranked) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1 + 1e-12);
        }
        for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.score).toBeLessThanOrEqual(ranked[i - 1]!.score + 1e-9);
      }),
    );
  });

  it('ranks the same when every weight is multiplied by the same positive constant', () => {
    fc.assert(
      fc.property(candidatesArb, weightsArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (candidates, weights, k) => {
        const scaled = Object.fromEntries(Object.entries(weights).map(([name, w]) => [name, w * k]));
        expect(order(candidates, scaled)).toEqual(order(candidates, weights));
      }),
    );
  });

  it('ranks the same whatever order the candidates come in', () => {
    fc.assert(
      fc.property(candidatesArb, weightsArb, (candidates, weights) => {
        expect(order([...candidates].reverse(), weights)).toEqual(order(candidates, weights));
      }),
    );
  });
});

describe('replayRankingMetrics and compareWeights', () => {
  const requests: ReplayRequest[] = [
    { requestId: 'r1', awardedProviderId: 'b', candidates: [candidate('a', { quality: 1, price: 0 }), candidate('b', { quality: 0.5, price: 1 })] },
    { requestId: 'r2', awardedProviderId: 'a', candidates: [candidate('a', { quality: 0.9, price: 0.9 }), candidate('c', { quality: 0.1, price: 0.5 })] },
    // The awarded provider is not among the stored candidates: not ranked under any weights.
    { requestId: 'r3', awardedProviderId: 'zz', candidates: [candidate('a', { quality: 1 })] },
  ];

  it('measures the awarded providers’ ranks under the given weights', () => {
    // Quality alone ranks the awarded providers 2, 1 and not at all.
    expect(replayRankingMetrics(requests, { quality: 1 })).toEqual({
      awarded: 3,
      ranked: 2,
      meanRank: 1.5,
      mrr: 0.5,
      ndcgAt10: (binaryNdcg(2) + 1) / 3,
      distribution: { byRank: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0], over10: 0, notRanked: 1 },
    });
  });

  it('reports current and proposed weights side by side', () => {
    const { current, proposed } = compareWeights(requests, { quality: 1 }, { price: 1 });
    expect(current.mrr).toBe(0.5);
    expect(proposed).toMatchObject({ meanRank: 1, ranked: 2 });
    expect(proposed.mrr).toBeCloseTo(2 / 3, 15);
    expect(proposed.ndcgAt10).toBeCloseTo(2 / 3, 15);
    expect(proposed.distribution.byRank[0]).toBe(2);
  });
});
