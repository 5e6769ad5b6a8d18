import { assertAtMost, assertCount, assertNonNegative } from './check.js';
import type { CandidateFacts, FactorResult, RequestFacts } from './facts.js';
import { countryNames, decimal, fixed, listEn, listZh, plural, unique } from './text.js';

/**
 * Bayesian average: every provider starts with C = 5 imaginary ratings of m = 4.0, so a single
 * 5-star review cannot outrank a long record of 4.8s, and a newcomer starts near the middle
 * instead of at either end.
 */
export const RATING_PRIOR_MEAN = 4;
export const RATING_PRIOR_WEIGHT = 5;
/** Completion is smoothed the same way: K = 5 imaginary engagements completed at rate 0.9. */
export const COMPLETION_PRIOR_RATE = 0.9;
export const COMPLETION_PRIOR_WEIGHT = 5;
/** And the win rate: K = 5 imaginary bids, one in three chosen. */
export const WIN_PRIOR_RATE = 1 / 3;
export const WIN_PRIOR_WEIGHT = 5;
/**
 * Ratings say how satisfied enterprises were; completion adds the engagements that never got
 * rated; the win rate is the choice enterprises made among the bids in front of them — the most
 * frequent of the three signals, so the first to speak for a provider with few reviews.
 */
export const RATING_SHARE = 0.5;
export const COMPLETION_SHARE = 0.25;
export const WIN_SHARE = 0.25;

/**
 * quality = 0.5 · (r − 1) / 4 + 0.25 · c + 0.25 · w, where r = (5 · 4.0 + Σ ratings) / (5 + n) on
 * the 1..5 scale, c = (completed + 5 · 0.9) / (closed + 5) and w = (won + 5 / 3) / (bids + 5).
 * No history at all gives 0.6833.
 */
export function quality(candidate: CandidateFacts): FactorResult {
  const { ratingCount: n, ratingSum: sum, engagementsClosed: closed, engagementsCompleted: completed, bidsPlaced: bids, bidsWon: won } = candidate;
  assertCount('ratingCount', n);
  assertCount('ratingSum', sum);
  assertAtMost('ratingCount', n, 'ratingSum', sum);
  assertAtMost('ratingSum', sum, '5 × ratingCount', 5 * n);
  assertCount('engagementsClosed', closed);
  assertCount('engagementsCompleted', completed);
  assertAtMost('engagementsCompleted', completed, 'engagementsClosed', closed);
  assertCount('bidsPlaced', bids);
  assertCount('bidsWon', won);
  assertAtMost('bidsWon', won, 'bidsPlaced', bids);

  const rating = (RATING_PRIOR_WEIGHT * RATING_PRIOR_MEAN + sum) / (RATING_PRIOR_WEIGHT + n);
  const completion = (completed + COMPLETION_PRIOR_WEIGHT * COMPLETION_PRIOR_RATE) / (closed + COMPLETION_PRIOR_WEIGHT);
  const winRate = (won + WIN_PRIOR_WEIGHT * WIN_PRIOR_RATE) / (bids + WIN_PRIOR_WEIGHT);
  const value = RATING_SHARE * ((rating - 1) / 4) + COMPLETION_SHARE * completion + WIN_SHARE * winRate;

  const explain = () => {
    const zh = [n > 0 ? `评分 ${decimal(sum / n)}（${n} 条评价）` : '暂无评价'];
    const en = [n > 0 ? `Rated ${decimal(sum / n)} from ${plural(n, 'review', 'reviews')}` : 'No reviews yet'];
    if (closed > 0) {
      zh.push(`已完成 ${closed} 个项目中的 ${completed} 个`);
      en.push(`completed ${completed} of ${plural(closed, 'engagement', 'engagements')}`);
    }
    if (bids > 0) {
      zh.push(`${bids} 次投标中标 ${won} 次`);
      en.push(`chosen for ${won} of ${plural(bids, 'bid', 'bids')}`);
    }
    return { zh: zh.join('；'), en: en.join('; ') };
  };
  return { value, explain };
}

/** The bid rate is smoothed towards a neutral 0.5 with K = 3 imaginary invitations. */
export const BID_RATE_PRIOR_WEIGHT = 3;
/** Bidding within a day is neutral: speed = 24 / (24 + median hours), 0.5 at 24 h. */
export const NEUTRAL_HOURS = 24;
export const BID_RATE_SHARE = 0.6;

/**
 * responsiveness = 0.6 · (bids + 1.5) / (invitations + 3) + 0.4 · 24 / (24 + median hours), the
 * speed being 0.5 while no median is known; no history at all gives exactly 0.5.
 */
export function responsiveness(candidate: CandidateFacts): FactorResult {
  const { invitationsReceived: invited, invitationsBid: bids, medianHoursToFirstBid: hours } = candidate;
  assertCount('invitationsReceived', invited);
  assertCount('invitationsBid', bids);
  assertAtMost('invitationsBid', bids, 'invitationsReceived', invited);
  if (hours !== null) assertNonNegative('medianHoursToFirstBid', hours);

  const rate = (bids + BID_RATE_PRIOR_WEIGHT * 0.5) / (invited + BID_RATE_PRIOR_WEIGHT);
  const speed = hours === null ? 0.5 : NEUTRAL_HOURS / (NEUTRAL_HOURS + hours);
  const value = BID_RATE_SHARE * rate + (1 - BID_RATE_SHARE) * speed;

  if (invited === 0 && hours === null) return fixed(value, '暂无邀请记录', 'No invitation history yet');
  const explain = () => {
    const zh: string[] = [];
    const en: string[] = [];
    if (invited > 0) {
      zh.push(`在 ${invited} 次邀请中投标 ${bids} 次`);
      en.push(`Bid on ${bids} of ${plural(invited, 'invitation', 'invitations')}`);
    }
    if (hours !== null) {
      zh.push(`首次投标用时中位数 ${decimal(hours)} 小时`);
      en.push(`${en.length > 0 ? 'median' : 'Median'} ${decimal(hours)} h to first bid`);
    }
    return { zh: zh.join('；'), en: en.join('; ') };
  };
  return { value, explain };
}

/** Saturating: the third engagement in a market counts for more than the thirtieth. */
export const TRACK_RECORD_SCALE = 3;

/**
 * 1 − e^(−n/3): 0.28 after one completed engagement in the target countries, 0.63 after three.
 * The reason names the countries ("在沙特阿拉伯已完成 3 个项目").
 */
export function trackRecord(request: RequestFacts, candidate: CandidateFacts): FactorResult {
  const n = candidate.completedInTargetCountries;
  assertCount('completedInTargetCountries', n);
  const names = () => countryNames(request, unique(request.countries));
  if (n === 0) {
    return {
      value: 0,
      explain: () => {
        const { zh, en } = names();
        return zh.length === 0
          ? { zh: '在目标国家尚无已完成项目', en: 'No completed engagements in the target countries yet' }
          : { zh: `在${listZh(zh)}尚无已完成项目`, en: `No completed engagements in ${listEn(en)} yet` };
      },
    };
  }
  return {
    value: 1 - Math.exp(-n / TRACK_RECORD_SCALE),
    explain: () => {
      const { zh, en } = names();
      return zh.length === 0
        ? { zh: `在目标国家已完成 ${n} 个项目`, en: `Completed ${plural(n, 'engagement', 'engagements')} in the target countries` }
        : { zh: `在${listZh(zh)}已完成 ${n} 个项目`, en: `Completed ${plural(n, 'engagement', 'engagements')} in ${listEn(en)}` };
    },
  };
}
