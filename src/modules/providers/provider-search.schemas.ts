import { z } from 'zod';
import { FACETS } from '../search/provider-search.port.js';
import { providerView } from './providers.schemas.js';

export const searchProvidersQuery = z.strictObject({
  q: z.string().max(200).optional(),
  category: z.string().max(50).optional(),
  service: z.string().max(50).optional(),
  country: z.string().max(2).optional(),
  sector: z.string().max(2).optional(),
  language: z.string().max(35).optional(),
  district: z.string().max(50).optional(),
  alliance: z.uuid().optional(),
  vetted: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type SearchProvidersQuery = z.infer<typeof searchProvidersQuery>;

export const providerSearchResult = z
  .object({
    data: z.array(providerView),
    nextCursor: z.string().nullable(),
    facets: z.object(Object.fromEntries(FACETS.map((f) => [f, z.record(z.string(), z.number().int())]))),
    facetsEstimated: z
      .boolean()
      .describe(
        'true when the matches were too many to count exactly: counts are estimated from a sample, and results are ordered newest first instead of by relevance',
      ),
  })
  .meta({ id: 'ProviderSearchResult' });
