import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApi, type Api } from '../support/harness.js';

/** The cross-cutting rules of docs/api.md that every endpoint gets from the foundation. */
describe('the HTTP contract', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers /health/live and /health/ready 200 with Postgres and Redis up', async () => {
    await api.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body.info).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('answers an unknown route with a 404 problem+json', async () => {
    const res = await api.http.get('/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'not_found', type: '/problems/not_found' });
  });

  it('answers malformed JSON with a 400 validation_failed problem', async () => {
    const token = await api.token('admin', 'platform');
    const res = await api.http
      .post('/v1/enterprises')
      .auth(token, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send('{"name": "unterminated')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'validation_failed', detail: 'The request body is not valid JSON' });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('refuses a body over the size limit with 413', async () => {
    const token = await api.token('admin', 'platform');
    const res = await api.http
      .post('/v1/enterprises')
      .auth(token, { type: 'bearer' })
      .send({ name: 'x'.repeat(1_100_000) })
      .expect(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('answers 401 unauthenticated without a token, with a garbage token and with a forged one', async () => {
    const none = await api.http.get('/v1/enterprises').expect(401);
    expect(none.body.code).toBe('unauthenticated');
    await api.http.get('/v1/enterprises').set('Authorization', 'Bearer not.a.jwt').expect(401);
    const real = await api.token('admin', 'platform');
    const [header, payload] = real.split('.');
    await api.http.get('/v1/enterprises').set('Authorization', `Bearer ${header}.${payload}.forgedsignature`).expect(401);
  });

  it('answers 403 forbidden to a role the endpoint does not admit', async () => {
    const token = await api.token('provider', '6f0c1d1e-59a5-4ad5-8a4b-2a3a1c6d0a11');
    const res = await api.http.get('/v1/enterprises').auth(token, { type: 'bearer' }).expect(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('refuses a dev token whose org does not fit the role, naming org', async () => {
    const res = await api.http.post('/v1/auth/dev-tokens').send({ role: 'enterprise', org: 'xuhui' }).expect(400);
    expect(res.body.errors).toEqual([{ path: 'org', message: 'must be a UUID for role enterprise' }]);
  });

  it('echoes the caller’s X-Request-Id, or makes one', async () => {
    const given = await api.http.get('/health/live').set('X-Request-Id', 'trace-123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-123');
    const made = await api.http.get('/health/live').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves reference data without a token', async () => {
    const countries = await api.http.get('/v1/reference/countries').expect(200);
    expect(countries.body.data).toContainEqual({ code: 'SA', nameEn: 'Saudi Arabia', nameZh: '沙特阿拉伯' });
    expect(countries.body.data.length).toBeGreaterThanOrEqual(249);
    const categories = await api.http.get('/v1/reference/categories').expect(200);
    const legal = categories.body.data.find((c: { code: string }) => c.code === 'legal');
    expect(legal.services.map((s: { code: string }) => s.code)).toContain('odi_filing');
    const sectors = await api.http.get('/v1/reference/sectors').expect(200);
    expect(sectors.body.data).toHaveLength(20);
    const districts = await api.http.get('/v1/reference/districts').expect(200);
    expect(districts.body.data).toContainEqual(expect.objectContaining({ code: 'xuhui', nameZh: '徐汇区', city: 'Shanghai' }));
    const currencies = await api.http.get('/v1/reference/currencies').expect(200);
    expect(currencies.body.data).toContainEqual(expect.objectContaining({ code: 'CNY', minorUnits: 2 }));
  });

  it('publishes an OpenAPI 3.1 document with every endpoint, its schemas and its errors', async () => {
    const res = await api.http.get('/openapi.json').expect(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/enterprises', '/v1/enterprises/{id}', '/v1/reference/countries', '/health/ready']));
    const create = doc.paths['/v1/enterprises'].post;
    expect(create.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/EnterpriseCreate' });
    expect(doc.components.schemas.EnterpriseCreate.required).toEqual(expect.arrayContaining(['name', 'uscc', 'district']));
    expect(doc.components.schemas.EnterpriseCreate.additionalProperties).toBe(false);
    for (const [path, item] of Object.entries<Record<string, { responses: object }>>(doc.paths)) {
      for (const operation of Object.values(item)) expect([path, Object.keys(operation.responses)]).toEqual([path, expect.arrayContaining(['default'])]);
    }
    await api.http.get('/docs').redirects(1).expect(200);
  });

  it('documents each operation well enough to generate a client: summary, access, problem codes per status', async () => {
    const doc = (await api.http.get('/openapi.json').expect(200)).body;
    expect(doc.servers).toEqual([expect.objectContaining({ url: expect.stringMatching(/^https?:\/\//) })]);
    expect(doc.security).toEqual([{ bearer: [] }]);
    type Operation = { summary?: string; description?: string; tags?: string[]; security?: unknown[]; responses: Record<string, { description: string }> };
    const operations = Object.entries<Record<string, Operation>>(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    for (const { route, operation } of operations) {
      expect([route, operation.summary, operation.description, operation.tags?.length]).toEqual([
        route,
        expect.any(String),
        expect.stringContaining('Access: '),
        1,
      ]);
    }
    const publicRoutes = operations.filter(({ operation }) => operation.security?.length === 0).map(({ route }) => route);
    expect(publicRoutes.sort()).toEqual(
      [
        'GET /health/live',
        'GET /health/ready',
        ...['countries', 'categories', 'sectors', 'districts', 'currencies'].map((r) => `GET /v1/reference/${r}`),
        'POST /v1/auth/dev-tokens',
        'POST /v1/webhooks/stripe',
        // Issue 29: country briefs and active risk alerts are public information.
        'GET /v1/countries/{code}/briefs',
        'GET /v1/risk-alerts',
        // Issue 25, item 5: what a newcomer reads without signing in.
        'GET /v1/alliances',
        'GET /v1/alliances/{id}',
        'GET /v1/public/programs',
        'GET /v1/public/providers',
      ].sort(),
    );

    const award = doc.paths['/v1/requests/{id}/award'].post;
    expect(Object.keys(award.responses)).toEqual(['201', '400', '401', '403', '404', '409', '413', '422', '429', '503', 'default']);
    const conflicts = award.responses['409'].content['application/problem+json'];
    expect(conflicts.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(Object.keys(conflicts.examples).sort()).toEqual(['budget_exhausted', 'cap_exceeded', 'conflict', 'provider_not_eligible', 'voucher_not_applicable']);
    expect(conflicts.examples.budget_exhausted.value).toMatchObject({ status: 409, code: 'budget_exhausted', type: '/problems/budget_exhausted' });
    expect(award.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    // What a client is told it may get is what it gets: an anonymous award is the documented 401.
    const anonymous = await api.http.post(`/v1/requests/${randomUUID()}/award`).send({}).expect(401);
    expect(award.responses['401'].description).toContain(`\`${anonymous.body.code}\``);
  });

  it('serves an OpenAPI document that redocly lint passes with its recommended rules', async () => {
    const served = (await api.http.get('/openapi.json').expect(200)).text;
    const file = join(mkdtempSync(join(tmpdir(), 'seaward-openapi-')), 'openapi.json');
    writeFileSync(file, served);
    const lint = spawnSync(process.execPath, ['node_modules/@redocly/cli/bin/cli.js', 'lint', file, '--format', 'summary'], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', REDOCLY_TELEMETRY: 'off' },
    });
    expect({ status: lint.status, errors: lint.stdout.split('\n').filter((line) => line.startsWith('error')) }).toEqual({ status: 0, errors: [] });
  });

  it('accepts every request example the OpenAPI document shows, as it is', async () => {
    const doc = (await api.http.get('/openapi.json').expect(200)).body;
    type Operation = { description: string; requestBody?: { content: Record<string, { examples?: Record<string, { value: object }> }> } };
    const examples = Object.entries<Record<string, Operation>>(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        Object.values(operation.requestBody?.content['application/json']?.examples ?? {}).map((example) => ({ method, path, operation, body: example.value })),
      ),
    );
    expect(examples.length).toBeGreaterThanOrEqual(10);
    const answers: string[] = [];
    for (const { method, path, operation, body } of examples) {
      // As the first role the operation admits, on objects that need not exist: validation runs first.
      const role = /Access: roles `([a-z_]+)`/.exec(operation.description)?.[1];
      const org = role === 'district_officer' ? 'fengxian' : role === 'admin' ? 'platform' : randomUUID();
      // Path parameters that are not ids get a valid value of their own kind (a country code: Yemen, no other file uses it).
      const known: Record<string, string> = { n: '1', date: new Date().toISOString().slice(0, 10), currency: 'USD', code: 'YE' };
      const call = api.http[method as 'post' | 'put'](path.replace(/\{([^}]+)\}/g, (_, name: string) => known[name] ?? randomUUID())).send(body);
      const res = role ? await call.set('Authorization', `Bearer ${await api.token(role, org)}`) : await call;
      answers.push(`${method.toUpperCase()} ${path} → ${res.status} ${res.body?.code ?? ''}`.trim());
    }
    expect(answers.filter((answer) => / → (400|5\d\d)/.test(answer))).toEqual([]);
  });

  it('shows the queue dashboard to admins only, by bearer token or as the Basic password', async () => {
    const anonymous = await api.http.get('/admin/queues').expect(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic /);
    const provider = await api.token('provider', '6f0c1d1e-59a5-4ad5-8a4b-2a3a1c6d0a11');
    await api.http.get('/admin/queues').auth(provider, { type: 'bearer' }).expect(403);
    const admin = await api.token('admin', 'platform');
    await api.http.get('/admin/queues').auth('ops', admin).expect(200);
    const queues = await api.http.get('/admin/queues/api/queues').auth(admin, { type: 'bearer' }).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'city',
      'desk',
      'expiry',
      'mail',
      'maintenance',
      'match-learning',
      'milestones',
      'notifications',
      'quality',
      'reconciliation',
      'search-sync',
      'webhooks',
    ]);
  });
});
