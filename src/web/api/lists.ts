// The marketplace's lists (issue 25, item 4) are built beside this app: a list is shown only when
// this build's contract (routes.ts, generated from docs/openapi.json) has its route.
import { loose } from './client';
import { ROUTES } from './routes';

export const offers = (route: string): boolean => ROUTES.has(route);

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** The first page of a list the API offers, or null when this build's API has no such route. */
export async function listIfOffered<T>(path: string, query: Record<string, string> = {}): Promise<T[] | null> {
  if (!offers(`GET ${path}`)) return null;
  const search = new URLSearchParams({ limit: '50', ...query }).toString();
  return (await loose<Page<T>>('GET', `${path}?${search}`)).data;
}
