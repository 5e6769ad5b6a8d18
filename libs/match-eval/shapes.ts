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
}

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

/** The same shapes under other seeds: what weights are tuned on, so the table's markets stay unseen. */
export function trainingShapes(shapes: readonly MarketShape[] = MARKET_SHAPES): MarketShape[] {
  return shapes.map((shape) => ({ ...shape, seed: shape.seed + 10_000 }));
}
