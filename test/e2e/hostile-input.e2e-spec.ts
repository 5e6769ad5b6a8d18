import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from '../factories/providers.js';
import { startApi, type Api } from '../support/harness.js';
import { devSession } from '../factories/sessions.js';

interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Target {
  method: string;
  path: string;
  query: string[];
  dateQuery: string[];
  body: string[];
  dateBody: string[];
}

const ROLES = ['admin', 'enterprise', 'provider', 'district_officer', 'alliance_manager'] as const;
const ORG = { admin: 'platform', district_officer: 'xuhui' } as Record<string, string>;
/** Instants Postgres cannot store, or that ISO writes back as six-digit years. */
const OUT_OF_RANGE = ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '9999-12-31T23:59:59-05:00'];

/**
 * Every endpoint of the OpenAPI document, attacked by a logged-in caller of whichever role it
 * admits: a NUL byte in each query parameter and each body field, and instants at and beyond
 * Postgres's range in each date field. Each answer must be a 400 naming the field; the harness
 * fails the file on any 5xx.
 */
describe('hostile input on every endpoint', () => {
  let api: Api;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  const tokens = new Map<string, string>();
  let sessionCookie = '';

  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '0' });
    doc = (await api.http.get('/openapi.json').expect(200)).body;
    for (const role of ROLES) tokens.set(role, await api.token(role, ORG[role] ?? randomUUID()));
    // The /v1/me routes are for signed-in people: a session, as a browser has.
    sessionCookie = (await devSession(api, { role: 'enterprise', org: randomUUID() })).cookie;
  });
  afterAll(async () => {
    await api.close();
  });

  const resolve = (schema: Schema | undefined): Schema => {
    if (!schema) return {};
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    const variant = schema.allOf?.[0] ?? schema.anyOf?.find((s) => resolve(s).type !== 'null') ?? schema.oneOf?.[0];
    return variant ? { ...resolve(variant), ...schema, allOf: undefined, anyOf: undefined, oneOf: undefined } : schema;
  };
  const isDate = (schema: Schema | undefined) => resolve(schema).format === 'date-time';

  const targets = (): Target[] =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => {
          const query = (op.parameters ?? []).filter((p) => p.in === 'query');
          const body = resolve(op.requestBody?.content['application/json']?.schema);
          const properties = Object.entries(body.properties ?? {});
          return {
            method,
            path: path.replace(/\{[^}]+\}/g, randomUUID()),
            query: query.map((p) => p.name),
            dateQuery: query.filter((p) => isDate(p.schema)).map((p) => p.name),
            body: properties.map(([name]) => name),
            dateBody: properties.filter(([, s]) => isDate(s)).map(([name]) => name),
          };
        }),
    );

  /** Sends as the first role the endpoint admits (not 401/403), so the input reaches validation. */
  const send = async (target: Target, query: Record<string, string>, body?: object) => {
    let last: { status: number; body: { code?: string; errors?: { path: string }[] } } | undefined;
    for (const credentials of [...ROLES.map((role) => bearer(tokens.get(role)!)), { Cookie: sessionCookie }]) {
      const call = (api.http as unknown as Record<string, (p: string) => { set(h: object): { query(q: object): { send(b?: object): Promise<typeof last> } } }>)[
        target.method
      ]!(target.path);
      last = await call.set(credentials).query(query).send(body);
      if (last!.status !== 401 && last!.status !== 403) return last!;
    }
    return last!;
  };

  const expectRefused = (res: { status: number; body: { code?: string; errors?: { path: string }[] } }, where: string, field: string) => {
    expect({ where, status: res.status, code: res.body.code }).toEqual({ where, status: 400, code: 'validation_failed' });
    expect({ where, paths: res.body.errors?.map((e) => e.path) }).toEqual({ where, paths: expect.arrayContaining([expect.stringContaining(field)]) });
  };

  it('covers the whole API', () => {
    const all = targets();
    expect(all.length).toBeGreaterThan(60);
    expect(all.flatMap((t) => t.query).length).toBeGreaterThan(20);
    expect(all.flatMap((t) => t.body).length).toBeGreaterThan(60);
    expect(all.flatMap((t) => [...t.dateQuery, ...t.dateBody]).length).toBeGreaterThan(6);
  });

  it('refuses a NUL byte in every query parameter with a 400 naming it', async () => {
    for (const target of targets()) {
      for (const name of target.query) {
        expectRefused(await send(target, { [name]: 'a\u0000b' }), `${target.method} ${target.path}?${name}`, name);
      }
    }
  });

  it('refuses a NUL byte in every body field with a 400 naming it', async () => {
    for (const target of targets()) {
      for (const name of target.body) {
        expectRefused(await send(target, {}, { [name]: 'x\u0000' }), `${target.method} ${target.path} .${name}`, name);
      }
    }
  });

  it('refuses instants outside what Postgres stores in every date field', async () => {
    for (const target of targets()) {
      for (const value of OUT_OF_RANGE) {
        for (const name of target.dateQuery) expectRefused(await send(target, { [name]: value }), `${target.method} ${target.path}?${name}=${value}`, name);
        for (const name of target.dateBody) expectRefused(await send(target, {}, { [name]: value }), `${target.method} ${target.path} .${name}=${value}`, name);
      }
    }
  });

  it('refuses an analytics period longer than three years', async () => {
    const manager = await api.token('alliance_manager', randomUUID());
    const res = await api.http.get(`/v1/alliances/${randomUUID()}/quality?from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`).set(bearer(manager));
    expectRefused(res, 'quality period', 'to');
  });
});
