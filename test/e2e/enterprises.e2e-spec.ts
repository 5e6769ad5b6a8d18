import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq } from 'drizzle-orm';
import { auditLog, enterprises } from '../../src/db/schema/index.js';
import { createEnterprise, enterpriseBody, fakeUscc } from '../factories/enterprises.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

describe('enterprises', () => {
  let api: Api;
  const database = openDatabase();
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it('registers an enterprise with a real USCC (201) under the id its token acts for', async () => {
    const id = randomUUID();
    const token = await api.token('enterprise', id);
    const res = await api.http
      .post('/v1/enterprises')
      .auth(token, { type: 'bearer' })
      .send(enterpriseBody({ uscc: '91330100716105852F', name: '杭州示例集团' }))
      .expect(201);
    expect(res.body).toMatchObject({ id, uscc: '91330100716105852F', district: 'xuhui', sme: true, parentUscc: null });
    await api.http.get(`/v1/enterprises/${id}`).auth(token, { type: 'bearer' }).expect(200, res.body);
  });

  it('answers 400 naming uscc when the check character is wrong', async () => {
    const token = await api.token('enterprise', randomUUID());
    const res = await api.http
      .post('/v1/enterprises')
      .auth(token, { type: 'bearer' })
      .send(enterpriseBody({ uscc: '91330100716105852A' }))
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([{ path: 'uscc', message: expect.stringContaining('check character') }]);
  });

  it('rejects unknown fields and names every bad field at once', async () => {
    const token = await api.token('enterprise', randomUUID());
    const res = await api.http
      .post('/v1/enterprises')
      .auth(token, { type: 'bearer' })
      .send({ ...enterpriseBody({ district: 'atlantis', sector: '99' }), sme: 'yes', nickname: 'x' })
      .expect(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['district', 'nickname', 'sector', 'sme']);
    expect(res.body.errors).toContainEqual({ path: 'nickname', message: 'is not a known field' });
  });

  it('answers 409 when the USCC is already registered, and keeps the first', async () => {
    const uscc = fakeUscc();
    await createEnterprise(api, { uscc });
    const token = await api.token('enterprise', randomUUID());
    const res = await api.http.post('/v1/enterprises').auth(token, { type: 'bearer' }).send(enterpriseBody({ uscc })).expect(409);
    expect(res.body.code).toBe('conflict');
    expect(await database.db.select().from(enterprises).where(eq(enterprises.uscc, uscc))).toHaveLength(1);
  });

  it('answers 404 for another tenant’s enterprise, exactly as for one that does not exist', async () => {
    const mine = await createEnterprise(api);
    const other = await createEnterprise(api, { district: 'jingan' });
    const stranger = await api.http.get(`/v1/enterprises/${other.id}`).auth(mine.token, { type: 'bearer' }).expect(404);
    const missing = await api.http.get(`/v1/enterprises/${randomUUID()}`).auth(mine.token, { type: 'bearer' }).expect(404);
    expect(stranger.body.code).toBe('not_found');
    expect({ ...stranger.body, instance: '', requestId: '' }).toEqual({ ...missing.body, instance: '', requestId: '' });
  });

  it('lets a district officer see enterprises of its district only', async () => {
    const xuhui = await createEnterprise(api, { district: 'xuhui' });
    const jingan = await createEnterprise(api, { district: 'jingan' });
    const officer = await api.token('district_officer', 'xuhui');
    await api.http.get(`/v1/enterprises/${xuhui.id}`).auth(officer, { type: 'bearer' }).expect(200);
    await api.http.get(`/v1/enterprises/${jingan.id}`).auth(officer, { type: 'bearer' }).expect(404);
    const list = await api.http.get('/v1/enterprises?limit=100').auth(officer, { type: 'bearer' }).expect(200);
    // The districts the list shows, once each: xuhui alone (an empty list would show none).
    expect([...new Set(list.body.data.map((e: { district: string }) => e.district))]).toEqual(['xuhui']);
  });

  it('pages through the list with an opaque cursor, each row once', async () => {
    for (let i = 0; i < 5; i++) await createEnterprise(api, { district: 'qingpu' });
    const admin = await api.token('admin', 'platform');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await api.http
        .get('/v1/enterprises')
        .query({ district: 'qingpu', limit: 2, ...(cursor ? { cursor } : {}) })
        .auth(admin, { type: 'bearer' })
        .expect(200);
      seen.push(...res.body.data.map((e) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const bad = await api.http.get('/v1/enterprises?cursor=garbage').auth(admin, { type: 'bearer' }).expect(400);
    expect(bad.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    const over = await api.http.get('/v1/enterprises?limit=101').auth(admin, { type: 'bearer' }).expect(400);
    expect(over.body.errors[0].path).toBe('limit');
  });

  it('answers 400 naming id for a malformed id', async () => {
    const admin = await api.token('admin', 'platform');
    const res = await api.http.get('/v1/enterprises/not-a-uuid').auth(admin, { type: 'bearer' }).expect(400);
    expect(res.body.errors[0].path).toBe('id');
  });

  it('writes an audit entry with the actor and the request id', async () => {
    const id = randomUUID();
    const token = await api.token('enterprise', id, 'user-42');
    await api.http.post('/v1/enterprises').auth(token, { type: 'bearer' }).set('X-Request-Id', `req-${id}`).send(enterpriseBody()).expect(201);
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(entries).toEqual([
      expect.objectContaining({ action: 'enterprise.registered', actorSub: 'user-42', actorRole: 'enterprise', requestId: `req-${id}` }),
    ]);
  });
});
