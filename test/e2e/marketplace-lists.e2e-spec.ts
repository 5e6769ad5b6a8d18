import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { act } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { cny, createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { eventually, openDatabase, startApi, startWorker, type Api } from '../support/harness.js';

/**
 * The lists behind the enterprise's and the provider's pages (issue 25): each scoped to the
 * caller, newest first, paged by cursor; Huangpu and Morocco/Tunisia are this file's alone.
 */
describe('the marketplace lists', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let alliance: { id: string; manager: string };
  const database = openDatabase();

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_lists` });
    alliance = await createAlliance(api, '黄浦区出海服务联盟（列表）', ['huangpu']);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await database.close();
  });

  const get = (token: string, path: string, query: Record<string, string | number> = {}) => api.http.get(path).query(query).set(bearer(token));
  const legalIn = (country: string) => ({ categories: ['legal'], services: ['odi_filing', 'entity_setup'], countries: [country], overseasOffices: [country] });
  const vettedProvider = async (country: string) => {
    const provider = await createProvider(api, { district: 'huangpu', ...legalIn(country) });
    await vet(api, alliance, provider);
    return provider;
  };
  const legalRequest = (country: string, title = `ODI filing in ${country}`) => ({
    title,
    category: 'legal',
    services: ['odi_filing', 'entity_setup'],
    countries: [country],
    budget: { min: cny(1), max: cny(20_000_000) },
  });
  const notified = async (event: string, recipientOrg: string) => {
    const rows = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from outbox where payload->>'event' = ${event} and payload->>'recipientOrg' = ${recipientOrg}`,
    );
    return rows[0]!.n;
  };

  it("lists an enterprise's requests newest first by cursor, filtered by status, and edits only its drafts", async () => {
    const enterprise = await createEnterprise(api, { district: 'huangpu' });
    const stranger = await createEnterprise(api, { district: 'huangpu' });
    const ids = [];
    for (const n of [1, 2, 3]) ids.push(await createRequest(api, enterprise.token, legalRequest('MA', `Request ${n}`)));

    const first = await get(enterprise.token, '/v1/requests', { limit: 2 }).expect(200);
    expect(first.body.data.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(enterprise.token, '/v1/requests', { limit: 2, cursor: first.body.nextCursor }).expect(200);
    expect(second.body).toEqual({ data: [expect.objectContaining({ id: ids[0], title: 'Request 1' })], nextCursor: null });
    expect((await get(stranger.token, '/v1/requests').expect(200)).body).toEqual({ data: [], nextCursor: null });
    await get(enterprise.token, '/v1/requests', { cursor: 'not-a-cursor' }).expect(400);
    await get(enterprise.token, '/v1/requests', { status: 'sold' }).expect(400);

    const edited = await api.http
      .patch(`/v1/requests/${ids[0]}`)
      .set(bearer(enterprise.token))
      .send({ title: 'ODI filing and a Casablanca entity', budget: { min: cny(100), max: cny(30_000_000) } })
      .expect(200);
    expect(edited.body).toMatchObject({ title: 'ODI filing and a Casablanca entity', budget: { max: cny(30_000_000) }, status: 'draft' });
    const wrong = await api.http
      .patch(`/v1/requests/${ids[0]}`)
      .set(bearer(enterprise.token))
      .send({ services: ['patents'] })
      .expect(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'services.0' })]);
    await api.http.patch(`/v1/requests/${ids[0]}`).set(bearer(enterprise.token)).send({}).expect(400);
    await api.http.patch(`/v1/requests/${ids[0]}`).set(bearer(stranger.token)).send({ title: 'Mine now' }).expect(404);

    await publish(api, enterprise.token, ids[0]!);
    await api.http.patch(`/v1/requests/${ids[0]}`).set(bearer(enterprise.token)).send({ title: 'Too late' }).expect(409);
    const open = await get(enterprise.token, '/v1/requests', { status: 'open' }).expect(200);
    expect(open.body.data.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
  });

  it('invites a provider of the enterprise’s choosing once, if matching would count it, and the provider’s inbox shows and declines it', async () => {
    const enterprise = await createEnterprise(api, { district: 'huangpu' });
    const stranger = await createEnterprise(api, { district: 'huangpu' });
    const matched = await vettedProvider('TN');
    const requestId = await createRequest(api, enterprise.token, legalRequest('TN'));
    await publish(api, enterprise.token, requestId);
    // Vetted after the matching run: only the enterprise's own choice brings it in.
    const chosen = await vettedProvider('TN');
    const elsewhere = await vettedProvider('MA');
    const unvetted = await createProvider(api, { district: 'huangpu', ...legalIn('TN') });
    const invite = (token: string, providerId: string) => api.http.post(`/v1/requests/${requestId}/invitations`).set(bearer(token)).send({ providerId });

    const invited = await invite(enterprise.token, chosen.id).expect(201);
    expect(invited.body).toMatchObject({ requestId, providerId: chosen.id, source: 'enterprise', status: 'open', declinedAt: null });
    expect((await invite(enterprise.token, chosen.id).expect(409)).body.code).toBe('conflict');
    expect((await invite(enterprise.token, elsewhere.id).expect(409)).body.code).toBe('provider_not_eligible');
    expect((await invite(enterprise.token, unvetted.id).expect(409)).body.code).toBe('provider_not_eligible');
    await invite(stranger.token, chosen.id).expect(404);
    await invite(enterprise.token, 'not-a-uuid').expect(400);
    expect(await notified('request.invited', chosen.id)).toBe(1);
    const audit = await database.db.execute<{ action: string }>(sql`select action from audit_log where entity_id = ${requestId} order by id`);
    expect(audit.map((a) => a.action)).toContain('request.provider_invited');

    // The chosen provider sees the request in its lists; the matched one sees it as matching's.
    const inbox = await get(chosen.token, '/v1/invitations').expect(200);
    expect(inbox.body.data).toEqual([
      expect.objectContaining({ id: invited.body.id, request: expect.objectContaining({ countries: ['TN'], status: 'open' }) }),
    ]);
    expect((await get(matched.token, '/v1/invitations').expect(200)).body.data).toEqual([expect.objectContaining({ requestId, source: 'matching' })]);
    expect((await get(chosen.token, '/v1/requests').expect(200)).body.data.map((r: { id: string }) => r.id)).toEqual([requestId]);
    expect((await get(elsewhere.token, '/v1/requests').expect(200)).body).toEqual({ data: [], nextCursor: null });
    await api.http.get(`/v1/requests/${requestId}`).set(bearer(chosen.token)).expect(200);

    const decline = (token: string) =>
      api.http.post(`/v1/invitations/${invited.body.id}/decline`).set(bearer(token)).send({ reason: '本季度排期已满 Fully booked this quarter' });
    await decline(matched.token).expect(404);
    await api.http.post(`/v1/invitations/${invited.body.id}/decline`).set(bearer(chosen.token)).send({ reason: '' }).expect(400);
    const declined = await decline(chosen.token).expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: '本季度排期已满 Fully booked this quarter', declinedAt: expect.any(String) });
    await decline(chosen.token).expect(409);
    expect(await notified('invitation.declined', enterprise.id)).toBe(1);
    expect((await get(chosen.token, '/v1/invitations', { status: 'open' }).expect(200)).body.data).toEqual([]);
    expect((await get(chosen.token, '/v1/invitations', { status: 'declined' }).expect(200)).body.data).toHaveLength(1);
  });

  it("lists a provider's bids and both parties' engagements, and shows the client to its provider only", async () => {
    const program = await createProgram(api, { district: 'huangpu', name: '黄浦区出海服务补贴（列表）' });
    const enterprise = await createEnterprise(api, {
      district: 'huangpu',
      name: '上海黄浦示例贸易有限公司',
      contact: { name: '王经理', email: 'wang@example.cn', phone: '+86 21 6321 0000' },
    });
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(300_000));
    const provider = await vettedProvider('MA');
    const rival = await vettedProvider('MA');
    const requests = [];
    for (const n of [1, 2, 3]) {
      const id = await createRequest(api, enterprise.token, legalRequest('MA', `Bid round ${n}`));
      await publish(api, enterprise.token, id);
      requests.push(id);
    }
    const bids = [];
    for (const requestId of requests) {
      const res = await api.http
        .post(`/v1/requests/${requestId}/bids`)
        .set(bearer(provider.token))
        .send({ price: rmb(100_000), timelineDays: 30, proposal: '摩洛哥 ODI 备案 ODI filing for Morocco' })
        .expect(201);
      bids.push(res.body.id as string);
    }

    const page1 = await get(provider.token, '/v1/bids', { limit: 2 }).expect(200);
    const page2 = await get(provider.token, '/v1/bids', { limit: 2, cursor: page1.body.nextCursor }).expect(200);
    expect([...page1.body.data, ...page2.body.data].map((b: { id: string }) => b.id)).toEqual([...bids].reverse());
    expect(page2.body.nextCursor).toBeNull();
    expect((await get(provider.token, '/v1/bids', { requestId: requests[0]! }).expect(200)).body.data.map((b: { id: string }) => b.id)).toEqual([bids[0]]);
    expect((await get(rival.token, '/v1/bids').expect(200)).body).toEqual({ data: [], nextCursor: null });
    // The enterprise's bids to compare: those on its open requests; another enterprise sees none of them.
    expect((await get(enterprise.token, '/v1/bids', { status: 'live' }).expect(200)).body.data.map((b: { id: string }) => b.id)).toEqual([...bids].reverse());
    const stranger = await createEnterprise(api, { district: 'huangpu', name: '上海黄浦另一家贸易有限公司' });
    expect((await get(stranger.token, '/v1/bids').expect(200)).body).toEqual({ data: [], nextCursor: null });
    await get(stranger.token, '/v1/bids', { requestId: requests[0]! }).expect(404);
    await get(program.officer, '/v1/bids').expect(403);

    // Before any engagement the provider does not see its client.
    await get(provider.token, `/v1/enterprises/${enterprise.id}`).expect(404);
    const awarded = await api.http.post(`/v1/requests/${requests[0]}/award`).set(bearer(enterprise.token)).send({ bidId: bids[0], voucherId }).expect(201);
    const engagementId = awarded.body.id as string;

    for (const token of [enterprise.token, provider.token]) {
      const list = await get(token, '/v1/engagements', { status: 'awaiting_payment' }).expect(200);
      expect(list.body).toEqual({ data: [expect.objectContaining({ id: engagementId, status: 'awaiting_payment', payment: null })], nextCursor: null });
      expect((await get(token, '/v1/engagements', { status: 'completed' }).expect(200)).body.data).toEqual([]);
    }
    expect((await get(rival.token, '/v1/engagements').expect(200)).body).toEqual({ data: [], nextCursor: null });

    const client = await get(provider.token, `/v1/enterprises/${enterprise.id}`).expect(200);
    expect(client.body).toMatchObject({
      name: '上海黄浦示例贸易有限公司',
      uscc: enterprise.body.uscc,
      contact: { name: '王经理', email: 'wang@example.cn', phone: '+86 21 6321 0000' },
    });
    await get(rival.token, `/v1/enterprises/${enterprise.id}`).expect(404);
    await api.http.put(`/v1/enterprises/${enterprise.id}/contact`).set(bearer(provider.token)).send({ name: '冒名' }).expect(403);
    await api.http.put(`/v1/enterprises/${enterprise.id}/contact`).set(bearer(enterprise.token)).send({ name: '李总监', email: 'not-an-email' }).expect(400);
    await api.http.put(`/v1/enterprises/${enterprise.id}/contact`).set(bearer(enterprise.token)).send({ name: '李总监', phone: '021-6321 0001' }).expect(200);
    expect((await get(provider.token, `/v1/enterprises/${enterprise.id}`).expect(200)).body.contact).toEqual({
      name: '李总监',
      email: null,
      phone: '021-6321 0001',
    });

    // The subsidy owed to the provider (provider redemption): awaiting, then approved in a pending settlement.
    const claims = await get(provider.token, '/v1/claims').expect(200);
    expect(claims.body).toEqual({
      data: [expect.objectContaining({ engagementId, amount: rmb(30_000), status: 'committed', reconciliation: 'awaiting', settlement: null })],
      nextCursor: null,
    });
    expect((await get(rival.token, '/v1/claims').expect(200)).body).toEqual({ data: [], nextCursor: null });
    const { reference, amount } = (await act(api, enterprise.token, engagementId, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, provider.token, engagementId, 'payments/confirm-transfer', { reference, amount }).expect(200);
    await act(api, provider.token, engagementId, 'deliver', { invoiceNumber: 'HP-2026-001' }).expect(200);
    await act(api, enterprise.token, engagementId, 'accept').expect(200);
    const { runId } = (await api.http.post(`/v1/programs/${program.id}/reconciliations`).set(bearer(program.officer)).expect(202)).body;
    const settled = await eventually(
      () => get(provider.token, '/v1/claims').then((r) => r.body.data[0]),
      (claim) => claim.settlement !== null,
      20_000,
    );
    expect(settled).toMatchObject({
      status: 'approved',
      reconciliation: 'approved',
      approvedAmount: rmb(30_000),
      runId,
      settlement: { status: 'pending', paidAt: null },
    });
    expect((await get(provider.token, '/v1/engagements', { status: 'completed' }).expect(200)).body.data).toHaveLength(1);
  });
});
