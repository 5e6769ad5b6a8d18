import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest } from '../factories/requests.js';
import { cny } from '../factories/vouchers.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

/**
 * An enterprise excludes a provider from its request (issue 25): matching skips it, inviting it
 * is refused, and the exclusion is audited. Wuhu and Moldova are this file's alone.
 */
describe('excluding a provider from a request', () => {
  let api: Api;
  let alliance: { id: string; manager: string };
  const database = openDatabase();

  beforeAll(async () => {
    api = await startApi();
    alliance = await createAlliance(api, '芜湖出海服务联盟（排除）', ['wuhu']);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  const legal = { categories: ['legal'], services: ['entity_setup'], countries: ['MD'], overseasOffices: ['MD'] };
  const vettedProvider = async (name: string) => {
    const provider = await createProvider(api, { district: 'wuhu', name, ...legal });
    await vet(api, alliance, provider);
    return provider;
  };

  it('keeps an excluded provider out of matching and invitations, refuses the doubtful cases, and audits it', async () => {
    const excluded = await vettedProvider('基希讷乌律师事务所 Chisinau Counsel');
    const others = [await vettedProvider('摩尔多瓦咨询 Moldova Advisory'), await vettedProvider('德涅斯特法务 Dniester Legal')];
    const enterprise = await createEnterprise(api, { district: 'wuhu' });
    const stranger = await createEnterprise(api, { district: 'wuhu' });
    const requestId = await createRequest(api, enterprise.token, {
      title: '摩尔多瓦公司设立 Entity set-up in Moldova',
      category: 'legal',
      services: ['entity_setup'],
      countries: ['MD'],
      budget: { min: cny(1), max: cny(20_000_000) },
    });
    const exclude = (token: string, providerId: string, reason = '过往合作交付延误 Late deliveries before') =>
      api.http.post(`/v1/requests/${requestId}/exclusions`).set(bearer(token)).send({ providerId, reason });

    // A draft takes the exclusion; the same again, a stranger, an unknown provider and no reason do not.
    const made = await exclude(enterprise.token, excluded.id).expect(201);
    expect(made.body).toEqual({ requestId, providerId: excluded.id, reason: '过往合作交付延误 Late deliveries before', excludedAt: expect.any(String) });
    expect((await exclude(enterprise.token, excluded.id).expect(409)).body.code).toBe('conflict');
    await exclude(stranger.token, others[0]!.id).expect(404);
    await exclude(enterprise.token, '0b7d9a51-5d0c-4a43-9c8c-6a7e1f0f0c11').expect(404);
    const noReason = await exclude(enterprise.token, others[0]!.id, ' ').expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    expect((await api.http.get(`/v1/requests/${requestId}/exclusions`).set(bearer(enterprise.token)).expect(200)).body.data).toEqual([made.body]);
    await api.http.get(`/v1/requests/${requestId}/exclusions`).set(bearer(stranger.token)).expect(404);

    // Published: matching ranks and invites the others, never the excluded one.
    await api.http.post(`/v1/requests/${requestId}/publish`).set(bearer(enterprise.token)).expect(200);
    const matches = (await api.http.get(`/v1/requests/${requestId}/matches`).set(bearer(enterprise.token)).expect(200)).body.data;
    expect(matches.map((m: { providerId: string }) => m.providerId).sort()).toEqual(others.map((o) => o.id).sort());
    expect((await api.http.get('/v1/invitations').set(bearer(excluded.token)).expect(200)).body.data).toEqual([]);
    // A rematch keeps it out too; inviting it by hand is refused.
    const rematched = (await api.http.post(`/v1/requests/${requestId}/matches`).set(bearer(enterprise.token)).expect(200)).body.data;
    expect(rematched.map((m: { providerId: string }) => m.providerId)).not.toContain(excluded.id);
    const invite = await api.http.post(`/v1/requests/${requestId}/invitations`).set(bearer(enterprise.token)).send({ providerId: excluded.id }).expect(409);
    expect(invite.body.code).toBe('provider_not_eligible');
    // One already invited cannot be excluded: its invitation stands.
    expect((await exclude(enterprise.token, others[0]!.id).expect(409)).body.detail).toMatch(/already invited/);

    const audit = await database.db.execute<{ action: string; data: { providerId: string; reason: string } }>(
      sql`select action, data from audit_log where entity_id = ${requestId} and action = 'request.provider_excluded'`,
    );
    expect(audit).toEqual([{ action: 'request.provider_excluded', data: { providerId: excluded.id, reason: '过往合作交付延误 Late deliveries before' } }]);
  });

  it("lists a provider's alliance applications with their vetting terms to itself only", async () => {
    const applicant = await createProvider(api, { district: 'wuhu', ...legal });
    const other = await vettedProvider('另一家 Another');
    const list = (token: string, id = applicant.id) => api.http.get(`/v1/providers/${id}/memberships`).set(bearer(token));
    expect((await list(applicant.token).expect(200)).body).toEqual({ data: [], nextCursor: null });
    await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(applicant.token)).expect(201);
    expect((await list(applicant.token).expect(200)).body.data).toEqual([
      expect.objectContaining({ allianceId: alliance.id, providerId: applicant.id, status: 'pending', vettedUntil: null }),
    ]);
    const until = new Date(Date.now() + 200 * 86_400_000).toISOString();
    await api.http.post(`/v1/alliances/${alliance.id}/members/${applicant.id}/approve`).set(bearer(alliance.manager)).send({ vettedUntil: until }).expect(200);
    expect((await list(applicant.token).expect(200)).body.data).toEqual([expect.objectContaining({ status: 'active', vettedUntil: until })]);
    await list(other.token).expect(404);
    const enterprise = await createEnterprise(api, { district: 'wuhu' });
    await list(enterprise.token).expect(403);
  });
});
