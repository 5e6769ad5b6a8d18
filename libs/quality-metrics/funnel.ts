import { median, percentile, ratio } from './stats.js';

export interface InvitationRecord {
  requestId: string;
  providerId: string;
}

export interface BidRecord {
  requestId: string;
  providerId: string;
  submittedAt: Date;
}

export interface PublishedRequest {
  requestId: string;
  publishedAt: Date;
}

export interface InvitationToBid {
  /** Distinct (request, provider) invitations. */
  invitations: number;
  /** Of those, the ones the invited provider bid on. */
  withBid: number;
  /** withBid ÷ invitations; null with no invitations. */
  rate: number | null;
}

export interface TimeToFirstBid {
  /** Requests that received at least one bid. */
  requests: number;
  medianMs: number | null;
  p90Ms: number | null;
  medianHours: number | null;
  p90Hours: number | null;
}

const HOUR_MS = 3_600_000;

const pairKey = (requestId: string, providerId: string) => `${requestId}\u0000${providerId}`;

function time(date: Date, label: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${label} is an invalid date`);
  return ms;
}

/**
 * Bids from invited providers ÷ invitations. An invitation is a (request, provider) pair, listed
 * once however often it appears; it counts as answered when that provider bid on that request at
 * least once (a withdrawn bid and its replacement count once). Bids from providers who were not
 * invited are left out of both sides.
 */
export function invitationToBid(invitations: readonly InvitationRecord[], bids: readonly BidRecord[]): InvitationToBid {
  const invited = new Set(invitations.map((i) => pairKey(i.requestId, i.providerId)));
  const answered = new Set<string>();
  for (const bid of bids) {
    const key = pairKey(bid.requestId, bid.providerId);
    if (invited.has(key)) answered.add(key);
  }
  return { invitations: invited.size, withBid: answered.size, rate: ratio(answered.size, invited.size) };
}

/**
 * For each request that received a bid, the first bid's time minus the publish time; the median
 * and p90 of those (linear interpolation, see percentile) in milliseconds and hours. Requests
 * without bids are left out, as are bids on requests not in `requests` (their publish time is
 * unknown). Throws RangeError on an invalid date, a request listed twice, or a bid before its
 * request was published.
 */
export function timeToFirstBid(requests: readonly PublishedRequest[], bids: readonly BidRecord[]): TimeToFirstBid {
  const published = new Map<string, number>();
  for (const request of requests) {
    if (published.has(request.requestId)) throw new RangeError(`request ${request.requestId} is listed twice`);
    published.set(request.requestId, time(request.publishedAt, `publishedAt of ${request.requestId}`));
  }
  const firstBid = new Map<string, number>();
  for (const bid of bids) {
    const at = time(bid.submittedAt, `submittedAt of a bid on ${bid.requestId}`);
    const publishedAt = published.get(bid.requestId);
    if (publishedAt === undefined) continue;
    if (at < publishedAt) throw new RangeError(`a bid on ${bid.requestId} precedes the request's publication`);
    const first = firstBid.get(bid.requestId);
    if (first === undefined || at < first) firstBid.set(bid.requestId, at);
  }
  const durations = [...firstBid].map(([requestId, at]) => at - published.get(requestId)!);
  const medianMs = median(durations);
  const p90Ms = percentile(durations, 0.9);
  return {
    requests: durations.length,
    medianMs,
    p90Ms,
    medianHours: medianMs === null ? null : medianMs / HOUR_MS,
    p90Hours: p90Ms === null ? null : p90Ms / HOUR_MS,
  };
}
