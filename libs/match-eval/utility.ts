import { sectionOfSector } from '../reference-data/index.js';
import type { SyntheticProvider, SyntheticRequest } from './market.js';
import { DEFAULT_FIT_MIX, type FitMix, type MarketShape } from './shapes.js';

const share = (wanted: readonly string[], offered: readonly string[]) => wanted.filter((x) => offered.includes(x)).length / wanted.length;
const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();

/**
 * How well a provider truly fits a request, in [0, 1], from what the profiles show, weighted by
 * the market's hidden taste (not the engine's): by default coverage counts most, then services.
 */
export function trueFit(request: SyntheticRequest, provider: SyntheticProvider, mix: Readonly<FitMix> = DEFAULT_FIT_MIX): number {
  const coverage =
    request.countries.reduce((sum, c) => sum + (provider.offices.includes(c) ? 1 : provider.countries.includes(c) ? 0.7 : 0), 0) / request.countries.length;
  const section = sectionOfSector(request.sector);
  const sector = provider.sectors.includes(request.sector) ? 1 : provider.sectors.some((s) => sectionOfSector(s) === section) ? 0.6 : 0;
  const language = share(request.languages.map(primary), provider.languages.map(primary));
  const price = provider.priceMin <= request.budgetMax && provider.priceMax >= request.budgetMin ? 1 : 0;
  return (
    mix.coverage * coverage + mix.services * share(request.services, provider.services) + mix.sector * sector + mix.language * language + mix.price * price
  );
}

/** The ground truth: fitShare × true fit + (1 − fitShare) × latent quality. */
export function trueUtility(shape: MarketShape, request: SyntheticRequest, provider: SyntheticProvider): number {
  return shape.fitShare * trueFit(request, provider, shape.fitMix) + (1 - shape.fitShare) * provider.quality;
}
