import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import postgres from 'postgres';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { startApi, type Api } from '../support/harness.js';

/**
 * DATABASE_READ_URL stands for a replica: a login that can only read (read-only transactions),
 * on the test database. Search and quality must answer through it; writes keep the primary.
 */
describe('DATABASE_READ_URL', () => {
  const role = `seaward_reader_${randomBytes(4).toString('hex')}`;
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => undefined });
  let api: Api;

  beforeAll(async () => {
    await admin.unsafe(`create role ${role} login`);
    await admin.unsafe(`alter role ${role} set default_transaction_read_only = on`);
    await admin.unsafe(`grant select on all tables in schema public to ${role}`);
    const readUrl = new URL(process.env.DATABASE_URL!);
    readUrl.username = role;
    readUrl.password = '';
    api = await startApi({ DATABASE_READ_URL: readUrl.toString() });
  });
  afterAll(async () => {
    await api.close();
    await admin.unsafe(`select pg_terminate_backend(pid) from pg_stat_activity where usename = '${role}'`);
    await admin.unsafe(`drop owned by ${role}`);
    await admin.unsafe(`drop role ${role}`);
    await admin.end();
  });

  it('answers search and quality analytics from the read connection while writes go to the primary', async () => {
    const alliance = await createAlliance(api);
    const provider = await createProvider(api, { district: 'xuhui', countries: ['SA'] });
    await vet(api, alliance, provider);
    const enterprise = await createEnterprise(api);

    const found = await api.http.get('/v1/providers').query({ alliance: alliance.id, country: 'SA' }).set(bearer(enterprise.token)).expect(200);
    expect(found.body.data.map((item: { id: string }) => item.id)).toContain(provider.id);
    await api.http.get(`/v1/alliances/${alliance.id}/quality`).set(bearer(alliance.manager)).expect(200);

    const [reader] = await admin<{ count: number }[]>`select count(*)::int as count from pg_stat_activity where usename = ${role}`;
    expect(reader.count).toBeGreaterThan(0);
    await api.http.get(`/v1/enterprises/${randomUUID()}`).set(bearer(enterprise.token)).expect(404);
  });
});
