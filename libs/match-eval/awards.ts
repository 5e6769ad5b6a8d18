import { clamp, type Random } from '../seeded-random/index.js';
import { meanStars, type SyntheticProvider, type SyntheticRequest } from './market.js';
import { AWARD_NOISE, type MarketShape } from './shapes.js';
import { trueUtility } from './utility.js';

/** How many of the engine's ranking an award request invites (as MATCH_INVITE_TOP_K does). */
export const AWARD_INVITED = 10;

export interface SimulatedAward {
  invited: string[];
  bidders: string[];
  /** null: nobody bid. */
  awarded: string | null;
  rating: number | null;
}

/**
 * What the market's enterprise does with a ranked request: the engine's top AWARD_INVITED are
 * invited, each bids with a chance that grows with its hidden quality (as its history was drawn),
 * the enterprise awards the bid of the highest hidden utility plus Gumbel noise (its taste, with
 * the fitMix the engine never sees), and rates the work around meanStars(quality).
 */
export function simulateAward(
  shape: MarketShape,
  request: SyntheticRequest,
  ranking: readonly string[],
  providers: ReadonlyMap<string, SyntheticProvider>,
  random: Random,
): SimulatedAward {
  const invited = ranking.slice(0, AWARD_INVITED);
  const bidders = invited.filter((key) => random.chance(0.4 + 0.5 * providers.get(key)!.quality));
  let awarded: string | null = null;
  let best = -Infinity;
  for (const key of bidders) {
    const noisy = trueUtility(shape, request, providers.get(key)!) - AWARD_NOISE * Math.log(-Math.log(Math.max(1e-12, random.next())));
    if (noisy > best) [awarded, best] = [key, noisy];
  }
  const rating = awarded === null ? null : clamp(Math.round(meanStars(providers.get(awarded)!.quality) + shape.ratingNoise * random.normal()), 1, 5);
  return { invited, bidders, awarded, rating };
}
