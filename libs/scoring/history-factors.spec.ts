import { describe, expect, it } from '@jest/globals';
import type { CandidateFacts } from './facts.js';
import * as history from './history-factors.js';
import { candidateFacts, explained, requestFacts } from './test-facts.js';

const quality = (c: CandidateFacts) => explained(history.quality(c));
const responsiveness = (c: CandidateFacts) => explained(history.responsiveness(c));
const trackRecord = (c: CandidateFacts, countries = ['SA']) => explained(history.trackRecord(requestFacts({ countries }), c));

describe('quality', () => {
  it('gives a provider without history the prior: 0.5 × 0.75 + 0.25 × 0.9 + 0.25 × 1/3 = 0.6833', () => {
    expect(quality(candidateFacts())).toEqual({ value: expect.closeTo(0.375 + 0.225 + 0.25 / 3, 12), zh: '暂无评价', en: 'No reviews yet' });
  });

  it('shrinks 12 reviews averaging 4.58 towards 4.0 and blends in 19 of 20 completed and 20 of 45 bids won', () => {
    const result = quality(candidateFacts({ ratingCount: 12, ratingSum: 55, engagementsClosed: 20, engagementsCompleted: 19, bidsPlaced: 45, bidsWon: 20 }));
    const rating = (5 * 4 + 55) / (5 + 12);
    const completion = (19 + 5 * 0.9) / (20 + 5);
    const winRate = (20 + 5 / 3) / (45 + 5);
    expect(result.value).toBeCloseTo(0.5 * ((rating - 1) / 4) + 0.25 * completion + 0.25 * winRate, 12);
    expect(result.value).toBeCloseTo(0.7698, 4);
    expect(result.zh).toBe('评分 4.6（12 条评价）；已完成 20 个项目中的 19 个；45 次投标中标 20 次');
    expect(result.en).toBe('Rated 4.6 from 12 reviews; completed 19 of 20 engagements; chosen for 20 of 45 bids');
  });

  it('ranks a provider chosen for most of its bids above one rarely chosen, all else equal', () => {
    const often = quality(candidateFacts({ bidsPlaced: 30, bidsWon: 20 })).value;
    const rarely = quality(candidateFacts({ bidsPlaced: 30, bidsWon: 3 })).value;
    expect(often).toBeGreaterThan(quality(candidateFacts()).value);
    expect(rarely).toBeLessThan(quality(candidateFacts()).value);
  });

  it('does not let one 5-star review beat forty averaging 4.8', () => {
    const one = quality(candidateFacts({ ratingCount: 1, ratingSum: 5 })).value;
    const forty = quality(candidateFacts({ ratingCount: 40, ratingSum: 192 })).value;
    expect(forty).toBeGreaterThan(one);
  });

  it('reaches 0 and 1 only at the extremes of a long record', () => {
    const record = { ratingCount: 10_000, engagementsClosed: 10_000, bidsPlaced: 10_000 };
    expect(quality(candidateFacts({ ...record, ratingSum: 50_000, engagementsCompleted: 10_000, bidsWon: 10_000 })).value).toBeGreaterThan(0.99);
    expect(quality(candidateFacts({ ...record, ratingSum: 10_000, engagementsCompleted: 0, bidsWon: 0 })).value).toBeLessThan(0.01);
  });

  it.each([
    { ratingCount: 2, ratingSum: 11 },
    { ratingCount: 2, ratingSum: 1 },
    { ratingCount: -1, ratingSum: 0 },
    { engagementsClosed: 1, engagementsCompleted: 2 },
    { engagementsClosed: 1.5 },
    { bidsPlaced: 1, bidsWon: 2 },
  ])('refuses impossible history %p', (bad) => {
    expect(() => quality(candidateFacts(bad))).toThrow(RangeError);
  });
});

describe('responsiveness', () => {
  it('is a neutral 0.5 without invitation history', () => {
    expect(responsiveness(candidateFacts())).toEqual({ value: 0.5, zh: '暂无邀请记录', en: 'No invitation history yet' });
  });

  it('blends a smoothed bid rate of 8 of 10 with a 6-hour median: 0.6 × 9.5/13 + 0.4 × 24/30', () => {
    const result = responsiveness(candidateFacts({ invitationsReceived: 10, invitationsBid: 8, medianHoursToFirstBid: 6 }));
    expect(result.value).toBeCloseTo(0.6 * (9.5 / 13) + 0.4 * 0.8, 12);
    expect(result.zh).toBe('在 10 次邀请中投标 8 次；首次投标用时中位数 6 小时');
    expect(result.en).toBe('Bid on 8 of 10 invitations; median 6 h to first bid');
  });

  it('treats answering in a day as neutral speed', () => {
    expect(responsiveness(candidateFacts({ medianHoursToFirstBid: 24 })).value).toBe(0.5);
  });

  it('scores a provider that ignores its invitations low', () => {
    const result = responsiveness(candidateFacts({ invitationsReceived: 30, invitationsBid: 0 }));
    expect(result.value).toBeCloseTo(0.6 * (1.5 / 33) + 0.4 * 0.5, 12);
    expect(result.en).toBe('Bid on 0 of 30 invitations');
  });

  it('refuses more bids than invitations and a negative median', () => {
    expect(() => responsiveness(candidateFacts({ invitationsReceived: 1, invitationsBid: 2 }))).toThrow(RangeError);
    expect(() => responsiveness(candidateFacts({ medianHoursToFirstBid: -1 }))).toThrow(RangeError);
  });
});

describe('trackRecord', () => {
  it('saturates as 1 − e^(−n/3)', () => {
    expect(trackRecord(candidateFacts()).value).toBe(0);
    expect(trackRecord(candidateFacts({ completedInTargetCountries: 3 })).value).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(trackRecord(candidateFacts({ completedInTargetCountries: 30 })).value).toBeGreaterThan(0.9999);
  });

  it('says how many engagements were completed there, naming the countries', () => {
    expect(trackRecord(candidateFacts({ completedInTargetCountries: 3 }))).toMatchObject({
      zh: '在沙特阿拉伯已完成 3 个项目',
      en: 'Completed 3 engagements in Saudi Arabia',
    });
    expect(trackRecord(candidateFacts({ completedInTargetCountries: 1 }), ['SA', 'AE']).en).toBe(
      'Completed 1 engagement in Saudi Arabia and United Arab Emirates',
    );
    expect(trackRecord(candidateFacts(), ['SA']).zh).toBe('在沙特阿拉伯尚无已完成项目');
    expect(trackRecord(candidateFacts({ completedInTargetCountries: 2 }), []).en).toBe('Completed 2 engagements in the target countries');
  });
});
