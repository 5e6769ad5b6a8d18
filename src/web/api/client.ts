// The one way the app talks to the API: openapi-fetch over the generated schema.d.ts (a contract
// change breaks vue-tsc, not the user). Same-origin cookies carry the session; no token is stored.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** Set by the session store: the page's language, and a dev bearer kept in memory only. */
export const transport = { locale: 'zh-CN', bearer: null as string | null };

export interface Problem {
  status: number;
  title?: string;
  code?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
  requestId?: string;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;

function decorate(request: Request): Request {
  request.headers.set('Accept-Language', transport.locale);
  if (transport.bearer) request.headers.set('Authorization', `Bearer ${transport.bearer}`);
  // Every write may be retried safely (docs/api.md, "Idempotency keys"); a button is disabled while its call runs.
  if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', newKey());
  return request;
}

const middleware: Middleware = { onRequest: ({ request }) => decorate(request) };

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '', credentials: 'same-origin' });
api.use(middleware);

/** The body of a 2xx, or an ApiError carrying the problem+json. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch (error) {
    throw new ApiError({ status: 0, title: 'Network error', detail: String((error as Error)?.message ?? error) });
  }
  if (result.response.ok) return result.data as T;
  const body = (result.error && typeof result.error === 'object' ? result.error : {}) as Partial<Problem>;
  throw new ApiError({ ...body, status: result.response.status });
}

/**
 * Routes of the session contract (COMMON.md) and of the marketplace lists that this build's
 * docs/openapi.json may not have yet: `routes.ts` (generated beside schema.d.ts) says which it
 * has; a page hides what the API does not offer rather than guessing.
 */
export async function loose<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const request = decorate(
    new Request(`${globalThis.location.origin}${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  let res: Response;
  try {
    res = await fetch(request);
  } catch (error) {
    throw new ApiError({ status: 0, title: 'Network error', detail: String((error as Error)?.message ?? error) });
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) throw new ApiError({ ...((json ?? {}) as Partial<Problem>), status: res.status });
  return json as T;
}
