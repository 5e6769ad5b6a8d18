import { fnv1a } from './fnv1a.js';

export interface ExposureCandidate {
  providerId: string;
  score: number;
  lastInvitedAt: Date | null;
  /** Invitations in the recent window the caller counts over. */
  recentInvitations: number;
}

export interface RankedProvider {
  providerId: string;
  score: number;
  rank: number;
}

export interface FairExposureOptions {
  /** FAIR_EXPOSURE_BAND (docs/api.md "Requests, matching and bids"), 0.02 by default. */
  band: number;
  /** The request's id: ties spread across requests, yet one request always ranks the same. */
  seed: string;
}

// Scores are float sums; a score exactly a band below the top must not fall out by an ulp.
const TOLERANCE = 1e-9;

interface Keyed {
  item: ExposureCandidate;
  invitedAt: number;
  tie: number;
}

function byExposure(a: Keyed, b: Keyed): number {
  return (
    a.item.recentInvitations - b.item.recentInvitations ||
    a.invitedAt - b.invitedAt ||
    a.tie - b.tie ||
    (a.item.providerId < b.item.providerId ? -1 : a.item.providerId > b.item.providerId ? 1 : 0)
  );
}

/**
 * Ranks by score, except within a band: starting from the highest remaining score, everyone
 * within `band` of it forms a group, ordered by fewer recent invitations, then least recently
 * invited (never invited first), then a hash of seed and provider. A provider more than a band
 * above another therefore always ranks above it.
 */
export function rankWithFairExposure(items: readonly ExposureCandidate[], options: FairExposureOptions): RankedProvider[] {
  const { band, seed } = options;
  if (!Number.isFinite(band) || band < 0) throw new RangeError(`band must be a non-negative finite number, got ${band}`);
  const keyed = items.map((item): Keyed => {
    if (!Number.isFinite(item.score)) throw new RangeError(`score of ${item.providerId} must be finite, got ${item.score}`);
    if (!Number.isSafeInteger(item.recentInvitations) || item.recentInvitations < 0) {
      throw new RangeError(`recentInvitations of ${item.providerId} must be a non-negative integer, got ${item.recentInvitations}`);
    }
    if (item.lastInvitedAt !== null && Number.isNaN(item.lastInvitedAt.getTime())) {
      throw new RangeError(`lastInvitedAt of ${item.providerId} is an invalid date`);
    }
    return {
      item,
      // Never invited sorts before every date; the difference of two such stays finite.
      invitedAt: item.lastInvitedAt === null ? Number.MIN_SAFE_INTEGER : item.lastInvitedAt.getTime(),
      tie: fnv1a(`${seed}\u0000${item.providerId}`),
    };
  });
  keyed.sort((a, b) => b.item.score - a.item.score);

  const ranked: Keyed[] = [];
  for (let start = 0; start < keyed.length;) {
    const floor = keyed[start]!.item.score - band - TOLERANCE;
    let end = start + 1;
    while (end < keyed.length && keyed[end]!.item.score >= floor) end++;
    // A loop, not push(...group): a band can hold more providers than a call takes arguments.
    for (const entry of keyed.slice(start, end).sort(byExposure)) ranked.push(entry);
    start = end;
  }
  return ranked.map(({ item }, i) => ({ providerId: item.providerId, score: item.score, rank: i + 1 }));
}
