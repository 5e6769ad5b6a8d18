import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq } from 'drizzle-orm';
import { enterprises } from '../../src/db/schema/index.js';
import { enterpriseBody } from '../factories/enterprises.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

describe('Idempotency-Key', () => {
  let api: Api;
  const database = openDatabase();
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('replays the first response for the same key and body, creating one enterprise', async () => {
    const admin = await api.token('admin', 'platform');
    const body = enterpriseBody();
    const key = randomUUID();
    const first = await api.http.post('/v1/enterprises').auth(admin, { type: 'bearer' }).set('Idempotency-Key', key).send(body).expect(201);
    const again = await api.http.post('/v1/enterprises').auth(admin, { type: 'bearer' }).set('Idempotency-Key', key).send(body).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await database.db.select().from(enterprises).where(eq(enterprises.uscc, body.uscc))).toHaveLength(1);
  });

  it('answers 422 idempotency_key_reused for the same key with another body', async () => {
    const admin = await api.token('admin', 'platform');
    const key = randomUUID();
    await api.http.post('/v1/enterprises').auth(admin, { type: 'bearer' }).set('Idempotency-Key', key).send(enterpriseBody()).expect(201);
    const other = enterpriseBody();
    const res = await api.http.post('/v1/enterprises').auth(admin, { type: 'bearer' }).set('Idempotency-Key', key).send(other).expect(422);
    expect(res.body.code).toBe('idempotency_key_reused');
    expect(await database.db.select().from(enterprises).where(eq(enterprises.uscc, other.uscc))).toHaveLength(0);
  });

  it('replays a refusal too: the same conflicting request gets the same 409', async () => {
    const id = randomUUID();
    const token = await api.token('enterprise', id);
    await api.http.post('/v1/enterprises').auth(token, { type: 'bearer' }).send(enterpriseBody()).expect(201);
    const key = randomUUID();
    const body = enterpriseBody();
    const first = await api.http.post('/v1/enterprises').auth(token, { type: 'bearer' }).set('Idempotency-Key', key).send(body).expect(409);
    const again = await api.http.post('/v1/enterprises').auth(token, { type: 'bearer' }).set('Idempotency-Key', key).send(body).expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body.detail).toBe(first.body.detail);
  });

  it('executes once when ten retries with one key arrive together', async () => {
    const admin = await api.token('admin', 'platform');
    const body = enterpriseBody();
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api.http.post('/v1/enterprises').auth(admin, { type: 'bearer' }).set('Idempotency-Key', key).send(body)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = responses.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(await database.db.select().from(enterprises).where(eq(enterprises.uscc, body.uscc))).toHaveLength(1);
  });

  it('keeps keys apart per caller: another caller may use the same key', async () => {
    const key = randomUUID();
    const a = await api.token('admin', 'platform', 'admin-a');
    const b = await api.token('admin', 'platform', 'admin-b');
    await api.http.post('/v1/enterprises').auth(a, { type: 'bearer' }).set('Idempotency-Key', key).send(enterpriseBody()).expect(201);
    const res = await api.http.post('/v1/enterprises').auth(b, { type: 'bearer' }).set('Idempotency-Key', key).send(enterpriseBody()).expect(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });
});
