// Providers', programmes' and enterprises' names by id, fetched once per page view, all at once.
import { reactive } from 'vue';
import { api, ok } from '../api/client';

export const names = reactive({ providers: {} as Record<string, string>, programs: {} as Record<string, string>, enterprises: {} as Record<string, string> });

/** The names not yet known, fetched in parallel; one that cannot be read is shown by its id. */
async function nameEach(known: Record<string, string>, ids: string[], read: (id: string) => Promise<{ name: string }>): Promise<void> {
  await Promise.all(
    [...new Set(ids)]
      .filter((id) => !(id in known))
      .map(async (id) => {
        known[id] = (await read(id).catch(() => ({ name: id }))).name;
      }),
  );
}

export const nameProviders = (ids: string[]) => nameEach(names.providers, ids, (id) => ok(api.GET('/v1/providers/{id}', { params: { path: { id } } })));
export const namePrograms = (ids: string[]) => nameEach(names.programs, ids, (id) => ok(api.GET('/v1/programs/{id}', { params: { path: { id } } })));
export const nameEnterprises = (ids: string[]) => nameEach(names.enterprises, ids, (id) => ok(api.GET('/v1/enterprises/{id}', { params: { path: { id } } })));
