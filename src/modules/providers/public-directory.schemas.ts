import { z } from 'zod';
import { FACETS } from '../search/provider-search.port.js';
import { searchProvidersQuery } from './provider-search.schemas.js';
import { providerView } from './providers.schemas.js';

/** The directory's filters for anyone: vetted members only, so no `vetted` or `district` switch. */
export const publicDirectoryQuery = searchProvidersQuery.omit({ vetted: true });
export type PublicDirectoryQuery = z.infer<typeof publicDirectoryQuery>;

/** What anyone may read of a vetted member: its offer, not its capacity or its record's dates. */
export const publicProviderView = providerView
  .pick({
    id: true,
    name: true,
    description: true,
    district: true,
    categories: true,
    services: true,
    countries: true,
    overseasOffices: true,
    sectors: true,
    languages: true,
    priceBand: true,
    vettedUntil: true,
    alliances: true,
  })
  .meta({ id: 'PublicProvider' });
export type PublicProviderView = z.infer<typeof publicProviderView>;

export const publicDirectoryResult = z
  .object({
    data: z.array(publicProviderView),
    nextCursor: z.string().nullable(),
    facets: z.object(Object.fromEntries(FACETS.map((f) => [f, z.record(z.string(), z.number().int())]))),
    facetsEstimated: z.boolean().describe('true when the matches were too many to count exactly (see GET /v1/providers)'),
  })
  .meta({ id: 'PublicDirectoryResult' });
