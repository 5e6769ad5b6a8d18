import { isVetted } from '../../../libs/vetting/index.js';
import type { CredentialRow, ProviderRow } from '../../db/schema/providers.js';
import type { ProviderSearchDocument } from '../search/provider-search.port.js';
import type { ProviderView } from './providers.schemas.js';

export function toCredentialView(row: CredentialRow) {
  return {
    id: row.id,
    type: row.type,
    issuer: row.issuer,
    number: row.number,
    country: row.country,
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expired,
  };
}

export function toProviderView(row: ProviderRow, now: Date, credentials?: CredentialRow[]): ProviderView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    district: row.district,
    categories: row.categories,
    services: row.services,
    countries: row.countries,
    overseasOffices: row.overseasOffices,
    sectors: row.sectors,
    languages: row.languages,
    priceBand: { min: { amount: row.priceMin, currency: row.currency }, max: { amount: row.priceMax, currency: row.currency } },
    capacity: row.capacity,
    vetted: isVetted(row.vettedUntil, now),
    vettedUntil: row.vettedUntil?.toISOString() ?? null,
    alliances: row.allianceIds,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(credentials ? { credentials: credentials.map(toCredentialView) } : {}),
  };
}

/** What a search engine indexes for a provider. */
export function toSearchDocument(row: ProviderRow): ProviderSearchDocument {
  const { id, name, description, district, categories, services, countries, sectors, languages } = row;
  const { allianceIds, appliedAllianceIds, vettedUntil, createdAt } = row;
  return { id, name, description, district, categories, services, countries, sectors, languages, allianceIds, appliedAllianceIds, vettedUntil, createdAt };
}
