import { describe, expect, it } from '@jest/globals';
import { money } from '../money/index.js';
import { allianceQuality, awardedValueConcentration, type AllianceQualityInput, type AwardRecord } from './quality.js';

const T0 = Date.UTC(2026, 2, 2, 9);
const at = (hours: number) => new Date(T0 + hours * 3_600_000);
const ranked = (...ids: string[]) => ids.map((providerId, i) => ({ providerId, rank: i + 1 }));
const award = (requestId: string, providerId: string, fen: number, ranking = ranked('a', 'b', 'c'), currency = 'CNY'): AwardRecord => ({
  requestId,
  providerId,
  value: money(fen, currency),
  ranking,
});

const input: AllianceQualityInput = {
  members: ['a', 'b', 'c', 'd'],
  requests: [
    { requestId: 'r1', publishedAt: at(0) },
    { requestId: 'r2', publishedAt: at(0) },
  ],
  invitations: [
    { requestId: 'r1', providerId: 'a' },
    { requestId: 'r1', providerId: 'b' },
    { requestId: 'r2', providerId: 'a' },
    { requestId: 'r2', providerId: 'a' },
    { requestId: 'r2', providerId: 'gone' },
  ],
  bids: [
    { requestId: 'r1', providerId: 'b', submittedAt: at(2) },
    { requestId: 'r1', providerId: 'a', submittedAt: at(1) },
    { requestId: 'r2', providerId: 'a', submittedAt: at(4) },
  ],
  awards: [award('r1', 'b', 30_000_000, ranked('a', 'b')), award('r2', 'a', 10_000_000)],
  engagements: [
    { engagementId: 'e1', status: 'completed', everDisputed: false, rating: 4 },
    { engagementId: 'e2', status: 'in_progress', everDisputed: false, rating: null },
  ],
  demand: [{ country: 'SA', category: 'legal', requests: 3 }],
  vettedMembers: [
    { providerId: 'a', countries: ['SA'], categories: ['legal'] },
    { providerId: 'b', countries: ['SA', 'AE'], categories: ['legal'] },
  ],
};

describe('allianceQuality', () => {
  const quality = allianceQuality(input);

  it('reports the funnel: 3 of 4 invitations answered, first bids after 1 h and 4 h', () => {
    expect(quality.invitationToBid).toEqual({ invitations: 4, withBid: 3, rate: 0.75 });
    expect(quality.timeToFirstBid).toMatchObject({ requests: 2, medianHours: 2.5 });
    expect(quality.timeToFirstBid.p90Hours).toBeCloseTo(3.7, 12);
  });

  it('reports the award ranks 2 and 1', () => {
    expect(quality.awardRank).toMatchObject({ awarded: 2, ranked: 2, meanRank: 1.5, mrr: 0.75 });
    expect(quality.awardRank.ndcgAt10).toBeCloseTo((1 / Math.log2(3) + 1) / 2, 15);
  });

  it('reports engagements, and the coverage gap of 2 members where 3 requests were seen', () => {
    expect(quality.engagements.completion.rate).toBe(1);
    expect(quality.engagements.rating).toEqual({ count: 1, mean: 4 });
    expect(quality.engagements.disputes.rate).toBe(0);
    expect(quality.coverageGaps).toEqual([{ country: 'SA', category: 'legal', vettedMembers: 2, demand: 3 }]);
  });

  it('measures concentration across all members, idle ones included and non-members left out', () => {
    // Invitations per member 2, 1, 0, 0 (r2 × a counted once; "gone" is not a member): 7/12.
    expect(quality.concentration.invitations.gini).toBeCloseTo(7 / 12, 15);
    // Awarded value 100,000, 300,000, 0, 0 RMB → sorted 0, 0, 1, 3: 20 / (2 × 16 × 1).
    expect(quality.concentration.awardedValue.gini).toBeCloseTo(0.625, 15);
    expect(quality.concentration.awardedValue.currency).toBe('CNY');
    expect(quality.concentration.awardedValue.lorenz.map((p) => p.valueShare)).toEqual([0, 0, 0, 0.25, 1]);
  });
});

describe('awardedValueConcentration', () => {
  it('has no currency and no concentration without awards', () => {
    expect(awardedValueConcentration(['a', 'b'], [])).toMatchObject({ gini: 0, currency: null });
  });

  it('refuses awards in two currencies and an amount that is not minor units', () => {
    expect(() => awardedValueConcentration(['a'], [award('r1', 'a', 100), award('r2', 'a', 100, undefined, 'USD')])).toThrow(RangeError);
    const fractional = { ...award('r1', 'a', 100), value: { amount: 1.5, currency: 'CNY' } };
    expect(() => awardedValueConcentration(['a'], [fractional])).toThrow(RangeError);
  });
});
