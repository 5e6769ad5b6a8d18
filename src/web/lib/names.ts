// Providers', programmes' and enterprises' names by id, fetched once per page view, all at once.
import { reactive } from 'vue';
import { api, ok } from '../api/client';

export const names = reactive({ providers: {} as Record<string, string>, programs: {} as Record<string, string>, enterprises: {} as Record<string, string> });

export async function nameProviders(ids: string[]): Promise<void> {
  await Promise.all(
    [...new Set(ids)]
      .filter((id) => !(id in names.providers))
      .map(async (id) => {
        names.providers[id] = (await ok(api.GET('/v1/providers/{id}', { params: { path: { id } } })).catch(() => ({ name: id }))).name;
      }),
  );
}

export async function namePrograms(ids: string[]): Promise<void> {
  await Promise.all(
    [...new Set(ids)]
      .filter((id) => !(id in names.programs))
      .map(async (id) => {
        names.programs[id] = (await ok(api.GET('/v1/programs/{id}', { params: { path: { id } } })).catch(() => ({ name: id }))).name;
      }),
  );
}

export async function nameEnterprises(ids: string[]): Promise<void> {
  await Promise.all(
    [...new Set(ids)]
      .filter((id) => !(id in names.enterprises))
      .map(async (id) => {
        names.enterprises[id] = (await ok(api.GET('/v1/enterprises/{id}', { params: { path: { id } } })).catch(() => ({ name: id }))).name;
      }),
  );
}
