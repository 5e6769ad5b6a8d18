/** An answer the scenario did not expect: the message says which call, what came back and why. */
export class UnexpectedResponse extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const problem = body as { code?: string; detail?: string; errors?: unknown } | null;
    const why =
      problem && typeof problem === 'object'
        ? [problem.code, problem.detail, problem.errors && JSON.stringify(problem.errors)].filter(Boolean).join(': ')
        : String(body);
    super(`${method} ${path} answered ${status}${why ? ` (${why})` : ''}`);
  }
}

export interface Actor {
  role: string;
  org: string;
  token: string;
}

interface CallOptions {
  body?: unknown;
  expect?: number[];
  accept?: string;
}

/**
 * The public HTTP API, as any client would call it: dev tokens (outside production) and JSON.
 * Used by the seed's history and by `npm run demo`, so both go through exactly what users do.
 */
export class SeawardClient {
  private readonly tokens = new Map<string, Actor>();

  constructor(readonly baseUrl: string) {}

  async actor(role: string, org: string): Promise<Actor> {
    const key = `${role}\u0000${org}`;
    const known = this.tokens.get(key);
    if (known) return known;
    const { token } = await this.call<{ token: string }>(null, 'POST', '/v1/auth/dev-tokens', { body: { role, org }, expect: [201] });
    const actor = { role, org, token };
    this.tokens.set(key, actor);
    return actor;
  }

  get<T>(actor: Actor | null, path: string, expect = [200]): Promise<T> {
    return this.call<T>(actor, 'GET', path, { expect });
  }

  post<T>(actor: Actor | null, path: string, body?: unknown, expect = [200, 201, 202]): Promise<T> {
    return this.call<T>(actor, 'POST', path, { body, expect });
  }

  /** Every page of a list endpoint. */
  async all<T>(actor: Actor | null, path: string): Promise<T[]> {
    const rows: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: { data: T[]; nextCursor: string | null } = await this.get(
        actor,
        `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      rows.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  async text(actor: Actor, path: string, accept: string): Promise<string> {
    return this.call<string>(actor, 'GET', path, { accept, expect: [200] });
  }

  async call<T>(actor: Actor | null, method: string, path: string, options: CallOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    if (actor) headers.authorization = `Bearer ${actor.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    } catch (error) {
      throw new Error(`${method} ${path}: cannot reach ${this.baseUrl} (${(error as Error).message}); is the service running (./scripts/start)?`, {
        cause: error,
      });
    }
    const raw = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    const body = isJson && raw ? JSON.parse(raw) : raw;
    if (!(options.expect ?? [200, 201]).includes(response.status)) throw new UnexpectedResponse(method, path, response.status, body);
    return body as T;
  }
}
