import { findCategory } from '../reference-data/index.js';
import { clamp, Random } from '../seeded-random/index.js';
import { AWARD_HISTORY, type MarketShape } from './shapes.js';

export const MARKET_COUNTRIES = ['SA', 'AE', 'VN', 'ID', 'MX', 'HU', 'DE', 'BR'] as const;
const LOCAL_LANGUAGE: Readonly<Record<string, string>> = { SA: 'ar', AE: 'ar', VN: 'vi', ID: 'id', MX: 'es', HU: 'hu', DE: 'de', BR: 'pt' };
export const MARKET_SECTORS = ['36', '38', 'C', '65', '64', 'I', '52', 'F'] as const;
const DAY_HOURS = 24;

/** One past invitation of a provider and what came of it. */
export interface PastInvitation {
  country: string;
  daysAgo: number;
  /** null: it never bid. */
  hoursToBid: number | null;
  /** The engagement, when its bid was awarded. */
  outcome: 'none' | 'completed' | 'cancelled';
  rating: number | null;
}

export interface SyntheticProvider {
  key: string;
  /** Hidden from every ranker but the oracle; it shows only through the history it produced. */
  quality: number;
  countries: string[];
  offices: string[];
  services: string[];
  sectors: string[];
  languages: string[];
  priceMin: number;
  priceMax: number;
  past: PastInvitation[];
}

export interface SyntheticRequest {
  key: string;
  countries: string[];
  services: string[];
  sector: string;
  languages: string[];
  budgetMin: number;
  budgetMax: number;
}

export interface Market {
  shape: MarketShape;
  providers: SyntheticProvider[];
  requests: SyntheticRequest[];
  /** Earlier requests of the same market, awarded before the evaluated ones: what learning sees. */
  awardRequests: SyntheticRequest[];
}

const stars = (x: number) => clamp(Math.round(x), 1, 5);
/**
 * Ratings skew high, as on real marketplaces: a provider of middling quality averages about 3.9
 * stars for completed work, the best about 4.9, the worst about 2.6. Cancelled work rates lower.
 */
export const meanStars = (quality: number) => 2.5 + 2.5 * quality;

/**
 * Providers with a latent quality and a latent responsiveness tied to it; their history is drawn
 * from both, the way Thumbtack's ranking simulator draws observed outcomes from hidden ones:
 * better providers are invited more, bid more and sooner, win more, complete more, and are rated
 * around meanStars(quality) with noise.
 */
function generateProvider(shape: MarketShape, random: Random, index: number, services: readonly string[]): SyntheticProvider {
  const quality = clamp(0.5 + 0.22 * random.normal(), 0.02, 0.98);
  const responsiveness = clamp(quality + 0.2 * random.normal(), 0, 1);
  const countries = random.sample(MARKET_COUNTRIES, random.int(1, 4));
  const offices = countries.filter(() => random.chance(0.3));
  const languages = ['zh-CN', ...(random.chance(0.7) ? ['en'] : []), ...countries.filter(() => random.chance(0.4)).map((c) => LOCAL_LANGUAGE[c]!)];
  const priceMin = random.int(5, 200) * 100_000;
  const past: PastInvitation[] = [];
  if (!random.chance(shape.newcomers)) {
    const invitations = Math.max(1, Math.round(random.int(1, shape.maxInvitations) * (0.5 + quality)));
    for (let i = 0; i < invitations; i++) {
      const bid = random.chance(0.3 + 0.6 * responsiveness);
      const hoursToBid = bid ? random.exponential(6 + 60 * (1 - responsiveness)) : null;
      const awarded = bid && random.chance(0.15 + 0.45 * quality);
      const completed = awarded && random.chance(0.7 + 0.3 * quality);
      const rating = !awarded
        ? null
        : completed
          ? random.chance(0.85)
            ? stars(meanStars(quality) + shape.ratingNoise * random.normal())
            : null
          : random.chance(0.5)
            ? stars(1 + 2 * quality + shape.ratingNoise * random.normal())
            : null;
      past.push({
        country: random.pick(countries),
        daysAgo: random.int(10, 360),
        hoursToBid,
        outcome: !awarded ? 'none' : completed ? 'completed' : 'cancelled',
        rating,
      });
    }
  }
  return {
    key: `p${index}`,
    quality,
    countries,
    offices,
    services: random.sample(services, random.int(2, Math.min(5, services.length))),
    sectors: random.sample(MARKET_SECTORS, random.int(1, 3)),
    languages: [...new Set(languages)],
    priceMin,
    priceMax: priceMin + random.int(10, 300) * 100_000,
    past,
  };
}

function generateRequest(random: Random, index: number, services: readonly string[]): SyntheticRequest {
  const countries = random.sample(MARKET_COUNTRIES, random.chance(0.7) ? 1 : 2);
  const budgetMin = random.int(10, 100) * 100_000;
  return {
    key: `r${index}`,
    countries,
    services: random.sample(services, random.int(1, 2)),
    sector: random.pick(MARKET_SECTORS),
    languages: ['zh-CN', ...(random.chance(0.3) ? [LOCAL_LANGUAGE[countries[0]!]!] : [])],
    budgetMin,
    budgetMax: budgetMin + random.int(50, 400) * 100_000,
  };
}

export function generateMarket(shape: MarketShape): Market {
  const services = findCategory(shape.category)?.services.map((s) => s.code);
  if (!services || services.length < 2) throw new RangeError(`category ${shape.category} needs at least two services`);
  const random = new Random(shape.seed);
  const providers = Array.from({ length: shape.providers }, (_, i) => generateProvider(shape, random, i, services));
  const requests = Array.from({ length: shape.requests }, (_, i) => generateRequest(random, i, services));
  // A stream of its own, so adding award history left the providers and evaluated requests as they were.
  const awardRandom = new Random(shape.seed + 50_000);
  const awardRequests = Array.from({ length: AWARD_HISTORY }, (_, i) => generateRequest(awardRandom, i, services)).map((r) => ({
    ...r,
    key: `a${r.key.slice(1)}`,
  }));
  return { shape, providers, requests, awardRequests };
}

/** Hours as the history records them: never below zero, to the minute. */
export function bidDelayHours(invitation: PastInvitation): number | null {
  return invitation.hoursToBid === null ? null : Math.round(Math.min(invitation.hoursToBid, 30 * DAY_HOURS) * 60) / 60;
}
