/**
 * A synthetic marketplace's make-up. Several shapes, so that no weight set is judged on one of
 * them alone: how much of a request's true utility is fit to the need versus the provider's
 * hidden quality, how many providers are newcomers, how long records are and how noisy ratings are.
 */
export interface MarketShape {
  name: string;
  seed: number;
  /** The category whose services providers and requests draw from. */
  category: string;
  /** Share of true utility from fit to the request; the rest is the provider's latent quality. */
  fitShare: number;
  providers: number;
  requests: number;
  /** Share of providers without any history. */
  newcomers: number;
  /** An experienced provider received 1..maxInvitations past invitations (more if better). */
  maxInvitations: number;
  /** Standard deviation of a rating around meanStars(quality), in stars. */
  ratingNoise: number;
  /**
   * How the shape's enterprises weigh the parts of fit (summing to 1); DEFAULT_FIT_MIX when absent.
   * The engine never sees it: it shows only through which bids are awarded.
   */
  fitMix?: FitMix;
}

/** The parts of the true fit (utility.ts), weighted by a market's hidden taste. */
export interface FitMix {
  coverage: number;
  services: number;
  sector: number;
  language: number;
  price: number;
}

/** The mix every shape used before the learned shapes: coverage counts most, then services. */
export const DEFAULT_FIT_MIX: Readonly<FitMix> = Object.freeze({ coverage: 0.35, services: 0.3, sector: 0.1, language: 0.1, price: 0.15 });

/** How many awarded requests each shape's history holds to learn from (the "at most 200 awards"). */
export const AWARD_HISTORY = 200;
/** Scale of the Gumbel noise added to the hidden utility when an enterprise picks the bid to award. */
export const AWARD_NOISE = 0.04;

export const MARKET_SHAPES: readonly MarketShape[] = Object.freeze([
  { name: 'balanced', seed: 101, category: 'legal', fitShare: 0.5, providers: 300, requests: 40, newcomers: 0.3, maxInvitations: 40, ratingNoise: 0.8 },
  {
    name: 'fit-led',
    seed: 202,
    category: 'accounting_tax',
    fitShare: 0.75,
    providers: 300,
    requests: 40,
    newcomers: 0.3,
    maxInvitations: 40,
    ratingNoise: 0.8,
  },
  { name: 'quality-led', seed: 303, category: 'consulting', fitShare: 0.3, providers: 300, requests: 40, newcomers: 0.3, maxInvitations: 40, ratingNoise: 0.8 },
  { name: 'thin history', seed: 404, category: 'ip', fitShare: 0.5, providers: 300, requests: 40, newcomers: 0.7, maxInvitations: 10, ratingNoise: 0.8 },
  {
    name: 'noisy ratings',
    seed: 505,
    category: 'certification',
    fitShare: 0.5,
    providers: 300,
    requests: 40,
    newcomers: 0.3,
    maxInvitations: 40,
    ratingNoise: 1.5,
  },
]);

/**
 * Markets whose taste must be learned (issue 30): the same generator, but the enterprises weigh
 * the parts of fit in other mixes, and fit counts for 0.6 of utility. The mixes were written down
 * and committed before any of these shapes was scored, and are not to be tuned to the table.
 */
export const LEARNED_SHAPES: readonly MarketShape[] = Object.freeze([
  {
    name: 'presence-led',
    seed: 606,
    category: 'legal',
    fitShare: 0.6,
    fitMix: { coverage: 0.6, services: 0.2, sector: 0.05, language: 0.05, price: 0.1 },
    providers: 300,
    requests: 40,
    newcomers: 0.3,
    maxInvitations: 40,
    ratingNoise: 0.8,
  },
  {
    name: 'language-led',
    seed: 707,
    category: 'accounting_tax',
    fitShare: 0.6,
    fitMix: { coverage: 0.15, services: 0.2, sector: 0.05, language: 0.5, price: 0.1 },
    providers: 300,
    requests: 40,
    newcomers: 0.3,
    maxInvitations: 40,
    ratingNoise: 0.8,
  },
  {
    name: 'price-led',
    seed: 808,
    category: 'consulting',
    fitShare: 0.6,
    fitMix: { coverage: 0.15, services: 0.2, sector: 0.05, language: 0.05, price: 0.55 },
    providers: 300,
    requests: 40,
    newcomers: 0.3,
    maxInvitations: 40,
    ratingNoise: 0.8,
  },
  {
    name: 'sector-led',
    seed: 909,
    category: 'ip',
    fitShare: 0.6,
    fitMix: { coverage: 0.15, services: 0.2, sector: 0.5, language: 0.05, price: 0.1 },
    providers: 300,
    requests: 40,
    newcomers: 0.3,
    maxInvitations: 40,
    ratingNoise: 0.8,
  },
]);

/** Every shape match:eval reports: today's five, then the learned ones. */
export const ALL_SHAPES: readonly MarketShape[] = Object.freeze([...MARKET_SHAPES, ...LEARNED_SHAPES]);

/** The same shapes under other seeds: what weights are tuned on, so the table's markets stay unseen. */
export function trainingShapes(shapes: readonly MarketShape[] = MARKET_SHAPES): MarketShape[] {
  return shapes.map((shape) => ({ ...shape, seed: shape.seed + 10_000 }));
}
