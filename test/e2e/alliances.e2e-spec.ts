import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq, sql } from 'drizzle-orm';
import { expiryRuns, memberships, providers } from '../../src/db/schema/index.js';
import { ExpiryService } from '../../src/modules/expiry/expiry.service.js';
import { bearer, createAlliance, createProvider, inDays, vet } from '../factories/providers.js';
import { eventually, openDatabase, startApi, startWorker, type Api } from '../support/harness.js';

describe('alliances and vetting', () => {
  let api: Api;
  const database = openDatabase();
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  const vettedFlag = async (providerId: string, token: string) =>
    (await api.http.get(`/v1/providers/${providerId}`).set(bearer(token)).expect(200)).body.vetted as boolean;

  it('runs apply → pending → approve → active → suspend → re-approve, with the vetted flag following', async () => {
    const alliance = await createAlliance(api);
    const provider = await createProvider(api);
    const applied = await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(provider.token)).expect(201);
    expect(applied.body).toMatchObject({ allianceId: alliance.id, providerId: provider.id, status: 'pending', vettedUntil: null });
    expect(await vettedFlag(provider.id, provider.token)).toBe(false);

    const until = inDays(180);
    const approved = await api.http
      .post(`/v1/alliances/${alliance.id}/members/${provider.id}/approve`)
      .set(bearer(alliance.manager))
      .send({ vettedUntil: until })
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'active', vettedUntil: until });
    expect(await vettedFlag(provider.id, provider.token)).toBe(true);
    expect((await api.http.get(`/v1/alliances/${alliance.id}`).set(bearer(provider.token)).expect(200)).body.memberCount).toBe(1);

    const suspended = await api.http
      .post(`/v1/alliances/${alliance.id}/members/${provider.id}/suspend`)
      .set(bearer(alliance.manager))
      .send({ reason: '执业许可证过期 licence expired' })
      .expect(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedReason: '执业许可证过期 licence expired' });
    expect(await vettedFlag(provider.id, provider.token)).toBe(false);
    expect((await api.http.get(`/v1/alliances/${alliance.id}`).set(bearer(provider.token)).expect(200)).body.memberCount).toBe(0);

    await api.http
      .post(`/v1/alliances/${alliance.id}/members/${provider.id}/approve`)
      .set(bearer(alliance.manager))
      .send({ vettedUntil: inDays(30) })
      .expect(200);
    expect(await vettedFlag(provider.id, provider.token)).toBe(true);
  });

  it('lets only that alliance’s manager act on its members', async () => {
    const alliance = await createAlliance(api);
    const other = await createAlliance(api, 'G60科创走廊出海服务联盟', ['songjiang', 'suzhou']);
    const provider = await createProvider(api);
    await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(provider.token)).expect(201);
    const approve = (token: string) =>
      api.http
        .post(`/v1/alliances/${alliance.id}/members/${provider.id}/approve`)
        .set(bearer(token))
        .send({ vettedUntil: inDays(10) });

    expect((await approve(other.manager)).status).toBe(404);
    expect((await approve(provider.token)).status).toBe(403);
    expect((await approve(await api.token('enterprise', provider.id))).status).toBe(403);
    await api.http.get(`/v1/alliances/${alliance.id}/members`).set(bearer(other.manager)).expect(404);
    const members = await api.http.get(`/v1/alliances/${alliance.id}/members`).set(bearer(alliance.manager)).expect(200);
    expect(members.body.data).toEqual([expect.objectContaining({ providerId: provider.id, status: 'pending' })]);
    expect((await approve(alliance.manager)).status).toBe(200);
  });

  it('refuses what the lifecycle does not allow', async () => {
    const alliance = await createAlliance(api);
    const provider = await createProvider(api);
    const stranger = await createProvider(api);
    await vet(api, alliance, provider);
    const again = await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(provider.token)).expect(409);
    expect(again.body.code).toBe('conflict');
    await api.http
      .post(`/v1/alliances/${alliance.id}/members/${stranger.id}/approve`)
      .set(bearer(alliance.manager))
      .send({ vettedUntil: inDays(10) })
      .expect(404);
    const past = await api.http
      .post(`/v1/alliances/${alliance.id}/members/${provider.id}/approve`)
      .set(bearer(alliance.manager))
      .send({ vettedUntil: inDays(-1) })
      .expect(400);
    expect(past.body.errors).toEqual([{ path: 'vettedUntil', message: 'must be in the future' }]);
    const noReason = await api.http.post(`/v1/alliances/${alliance.id}/members/${provider.id}/suspend`).set(bearer(alliance.manager)).send({}).expect(400);
    expect(noReason.body.errors[0].path).toBe('reason');
  });

  it('lets only admins create alliances, with known district codes', async () => {
    const provider = await createProvider(api);
    await api.http
      .post('/v1/alliances')
      .set(bearer(provider.token))
      .send({ name: 'x', districts: ['xuhui'] })
      .expect(403);
    const admin = await api.token('admin', 'platform');
    const bad = await api.http
      .post('/v1/alliances')
      .set(bearer(admin))
      .send({ name: 'x', districts: ['xuhui', 'gotham'] })
      .expect(400);
    expect(bad.body.errors).toEqual([{ path: 'districts.1', message: expect.stringContaining('district') }]);
  });

  it('lapses memberships past their term, flags expired credentials and records the sweep', async () => {
    const alliance = await createAlliance(api);
    const provider = await createProvider(api);
    await vet(api, alliance, provider, 30);
    await api.http
      .post(`/v1/providers/${provider.id}/credentials`)
      .set(bearer(provider.token))
      .send({ type: 'law_firm_licence', issuer: 'Saudi Ministry of Justice', number: 'MOJ-2291', country: 'SA', expiresAt: inDays(30) })
      .expect(201);
    // As if both terms had run out: their stored ends moved a second into the past, which the
    // sweep compares with the `now` it is given. Only this provider's rows change; a sweep run in
    // the future would expire other tests' rows, and real short terms make a test wait.
    const lapsed = await database.db.execute(
      sql`update alliance_memberships set vetted_until = now() - interval '1 second' where provider_id = ${provider.id} returning provider_id`,
    );
    const expired = await database.db.execute(
      sql`update provider_credentials set expires_at = now() - interval '1 second' where provider_id = ${provider.id} returning provider_id`,
    );
    expect([lapsed.length, expired.length]).toEqual([1, 1]);

    const now = new Date();
    const worker = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_expiry` });
    const sweep = await worker
      .get(ExpiryService, { strict: false })
      .sweep(now)
      .finally(() => worker.close());
    // Another test's worker may sweep the same rows first; the outcome is what counts.
    const [membership] = await eventually(
      () => database.db.select().from(memberships).where(eq(memberships.providerId, provider.id)),
      (rows) => rows[0]?.status === 'lapsed',
    );
    expect(membership!.status).toBe('lapsed');
    const profile = await eventually(
      () =>
        api.http
          .get(`/v1/providers/${provider.id}`)
          .set(bearer(provider.token))
          .then((r) => r.body),
      (body) => body.credentials[0].expired === true,
    );
    expect(profile.vetted).toBe(false);
    expect(profile.credentials).toEqual([expect.objectContaining({ number: 'MOJ-2291', expired: true })]);
    const [run] = await database.db.select().from(expiryRuns).where(eq(expiryRuns.ranAt, now));
    expect(run).toMatchObject({ membershipsLapsed: sweep.membershipsLapsed, credentialsExpired: sweep.credentialsExpired });

    const reapplied = await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(provider.token)).expect(201);
    expect(reapplied.body.status).toBe('pending');
  });

  it('keeps vetting consistent with the memberships when managers of five alliances act at once', async () => {
    const alliancesOf = await Promise.all(Array.from({ length: 5 }, (_, i) => createAlliance(api, `联盟 ${i}`)));
    const provider = await createProvider(api);
    for (const alliance of alliancesOf) {
      await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(provider.token)).expect(201);
    }
    // Each manager approves and suspends in turn, all five concurrently, twenty requests in all.
    const responses = await Promise.all(
      alliancesOf.flatMap((alliance, i) => [
        api.http
          .post(`/v1/alliances/${alliance.id}/members/${provider.id}/approve`)
          .set(bearer(alliance.manager))
          .send({ vettedUntil: inDays(10 + i) }),
        api.http.post(`/v1/alliances/${alliance.id}/members/${provider.id}/suspend`).set(bearer(alliance.manager)).send({ reason: 'review' }),
        api.http
          .post(`/v1/alliances/${alliance.id}/members/${provider.id}/approve`)
          .set(bearer(alliance.manager))
          .send({ vettedUntil: inDays(20 + i) }),
        api.http.post(`/v1/alliances/${alliance.id}/members/${provider.id}/suspend`).set(bearer(alliance.manager)).send({ reason: 'review' }),
      ]),
    );
    expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true);

    const rows = await database.db.select().from(memberships).where(eq(memberships.providerId, provider.id));
    const active = rows.filter((m) => m.status === 'active');
    const [stored] = await database.db.select().from(providers).where(eq(providers.id, provider.id));
    const latest =
      active
        .map((m) => m.vettedUntil!.getTime())
        .sort()
        .at(-1) ?? null;
    expect(stored!.vettedUntil?.getTime() ?? null).toBe(latest);
    expect([...stored!.allianceIds].sort()).toEqual(active.map((m) => m.allianceId).sort());
    expect([...stored!.appliedAllianceIds].sort()).toEqual(alliancesOf.map((a) => a.id).sort());
  });
});
