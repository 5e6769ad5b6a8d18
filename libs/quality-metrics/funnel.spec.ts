import { describe, expect, it } from '@jest/globals';
import { invitationToBid, timeToFirstBid, type BidRecord } from './funnel.js';

const T0 = Date.UTC(2026, 2, 2, 9);
const hoursAfter = (h: number) => new Date(T0 + h * 3_600_000);
const bid = (requestId: string, providerId: string, hours = 1): BidRecord => ({ requestId, providerId, submittedAt: hoursAfter(hours) });
const invite = (requestId: string, providerId: string) => ({ requestId, providerId });

describe('invitationToBid', () => {
  it('counts each invitation once, answered when the invited provider bid, ignoring uninvited bidders', () => {
    const invitations = [invite('r1', 'a'), invite('r1', 'b'), invite('r2', 'a'), invite('r2', 'a'), invite('r2', 'c')];
    // a bid twice on r1 (a withdrawn bid and its replacement); z was not invited; c bid on r1, where it was not invited.
    const bids = [bid('r1', 'a'), bid('r1', 'a', 2), bid('r2', 'c'), bid('r2', 'z'), bid('r1', 'c')];
    expect(invitationToBid(invitations, bids)).toEqual({ invitations: 4, withBid: 2, rate: 0.5 });
  });

  it('is null with no invitations, 0 when none was answered', () => {
    expect(invitationToBid([], [bid('r1', 'a')])).toEqual({ invitations: 0, withBid: 0, rate: null });
    expect(invitationToBid([invite('r1', 'a')], [])).toEqual({ invitations: 1, withBid: 0, rate: 0 });
  });
});

describe('timeToFirstBid', () => {
  const published = (requestId: string) => ({ requestId, publishedAt: hoursAfter(0) });

  it('takes each request’s earliest bid and reports the median and p90 in hours and ms', () => {
    const requests = ['r1', 'r2', 'r3', 'r4', 'r5', 'quiet'].map(published);
    // First bids after 1, 2, 3, 4 and 5 hours; r1's later bid and the unlisted r9 do not count.
    const bids = [bid('r1', 'b', 7), bid('r1', 'a', 1), bid('r2', 'a', 2), bid('r3', 'a', 3), bid('r4', 'a', 4), bid('r5', 'a', 5), bid('r9', 'a', 0.1)];
    const result = timeToFirstBid(requests, bids);
    expect(result.requests).toBe(5);
    expect(result.medianHours).toBe(3);
    expect(result.medianMs).toBe(3 * 3_600_000);
    // h = 4 × 0.9 = 3.6 → 4 h + 0.6 × 1 h.
    expect(result.p90Hours).toBeCloseTo(4.6, 12);
    expect(result.p90Ms).toBeCloseTo(4.6 * 3_600_000, 3);
  });

  it('averages the middle two of an even count for the median', () => {
    const result = timeToFirstBid([published('r1'), published('r2')], [bid('r1', 'a', 1), bid('r2', 'a', 2)]);
    expect(result.medianHours).toBe(1.5);
    expect(result.p90Hours).toBeCloseTo(1.9, 12);
  });

  it('is null with no bids', () => {
    expect(timeToFirstBid([published('r1')], [])).toEqual({ requests: 0, medianMs: null, p90Ms: null, medianHours: null, p90Hours: null });
  });

  it('refuses a bid before publication, an invalid date and a request listed twice', () => {
    expect(() => timeToFirstBid([published('r1')], [bid('r1', 'a', -1)])).toThrow(RangeError);
    expect(() => timeToFirstBid([published('r1')], [{ requestId: 'r1', providerId: 'a', submittedAt: new Date('nope') }])).toThrow(RangeError);
    expect(() => timeToFirstBid([{ requestId: 'r1', publishedAt: new Date(Number.NaN) }], [])).toThrow(RangeError);
    expect(() => timeToFirstBid([published('r1'), published('r1')], [])).toThrow(RangeError);
  });
});
