import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { awardedEngagement, act } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { createProgram, issueVoucher, ledgerOf, rmb } from '../factories/vouchers.js';
import { eventually, startApi, type Api } from '../support/harness.js';
import postgres from 'postgres';

/** A logged-in enterprise must not be able to stop the platform by contending for its own rows. */
describe('contention cannot stop the api', () => {
  let api: Api;
  let alliance: { id: string; manager: string };
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => undefined });
  beforeAll(async () => {
    api = await startApi({ DATABASE_POOL_SIZE: '4', DATABASE_ACQUIRE_TIMEOUT_MS: '2000' }, { busyAllowed: true });
    alliance = await createAlliance(api);
  });
  afterAll(async () => {
    await api.close();
    await sql.end({ timeout: 5 });
  });

  it('keeps answering everyone while one enterprise fires 16 parallel rematches at one request', async () => {
    // Niue: no other test's providers cover it (all e2e files share one database).
    for (let i = 0; i < 6; i++)
      await vet(
        api,
        alliance,
        await createProvider(api, { categories: ['ip'], services: ['patents'], countries: ['NU'], overseasOffices: [], sectors: ['38'] }),
      );
    const attacker = await createEnterprise(api);
    const requestId = await createRequest(api, attacker.token, { countries: ['NU'] });
    await publish(api, attacker.token, requestId);
    const bystander = await createEnterprise(api);

    // A rematch in progress holds the request's row: the test holds it the same way, so the storm
    // certainly meets a taken row. Each rematch must then answer with the ranking as it stands,
    // not wait for the row on a pooled connection while the bystander waits for one.
    const holder = await sql.reserve();
    await holder`begin`;
    await holder`select id from service_requests where id = ${requestId} for update`;
    const arrived = new Set<unknown>();
    const server = api.app.getHttpServer();
    const onRequest = (req: { url?: string }) => {
      if (req.url?.endsWith(`/requests/${requestId}/matches`)) arrived.add(req);
    };
    server.on('request', onRequest);
    let storm: Promise<{ status: number; body: { code?: string }; headers: Record<string, string> }[]>;
    let read: { status: number };
    let readMs: number;
    try {
      // supertest sends a request when it is awaited: `.then()` sends each now.
      storm = Promise.all(
        Array.from({ length: 16 }, () =>
          api.http
            .post(`/v1/requests/${requestId}/matches`)
            .set(bearer(attacker.token))
            .timeout(20_000)
            .then((res) => res),
        ),
      );
      await eventually(
        async () => arrived.size,
        (n) => n === 16,
        15_000,
      );
      const started = Date.now();
      read = await api.http.get(`/v1/enterprises/${bystander.id}`).set(bearer(bystander.token)).timeout(5_000);
      readMs = Date.now() - started;
    } finally {
      server.off('request', onRequest);
      await holder`rollback`;
      holder.release();
    }
    const answers = await storm;

    expect(read.status).toBe(200);
    expect(readMs).toBeLessThan(2_000);
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    for (const busy of answers.filter((a) => a.status === 503)) {
      expect(busy.body.code).toBe('service_busy');
      expect(busy.headers['retry-after']).toBeDefined();
    }
    // The pool is healthy afterwards: a rematch and the readiness check answer at once.
    await api.http.post(`/v1/requests/${requestId}/matches`).set(bearer(attacker.token)).timeout(5_000).expect(200);
    await api.http.get('/health/ready').timeout(5_000).expect(200);
  });

  it("never locks another tenant's request: a stranger's publish, cancel, rematch and award are 404 at once", async () => {
    const owner = await createEnterprise(api);
    const requestId = await createRequest(api, owner.token);
    const stranger = await createEnterprise(api);
    for (const path of ['publish', 'cancel', 'matches']) {
      await api.http.post(`/v1/requests/${requestId}/${path}`).set(bearer(stranger.token)).expect(404);
    }
    await api.http.post(`/v1/requests/${requestId}/award`).set(bearer(stranger.token)).send({ bidId: requestId }).expect(404);
  });
});

/**
 * Every statement inside a transaction must use that transaction: with one pooled connection, a
 * statement sent to the pool from inside a transaction waits for the connection the transaction
 * holds, and the request ends in a 503 instead of completing.
 */
describe('with a pool of one connection', () => {
  let api: Api;
  let alliance: { id: string; manager: string };
  beforeAll(async () => {
    api = await startApi({ DATABASE_POOL_SIZE: '1', DATABASE_ACQUIRE_TIMEOUT_MS: '3000' });
    alliance = await createAlliance(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('publishes, rematches, bids, awards with a voucher and cancels', async () => {
    const program = await createProgram(api);
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(300_000));
    const { engagement, requestId } = await awardedEngagement(api, alliance, { country: 'CK', price: 1_000_000_00, enterprise, voucherId });
    await api.http.post(`/v1/requests/${requestId}/matches`).set(bearer(enterprise.token)).expect(409); // awarded, not open
    expect((await ledgerOf(api, program)).committed.amount).toBe(rmb(300_000).amount);
    const otherRequest = await createRequest(api, enterprise.token, { countries: ['NU'] });
    await publish(api, enterprise.token, otherRequest);
    await api.http.post(`/v1/requests/${otherRequest}/matches`).set(bearer(enterprise.token)).expect(200);
    await api.http.post(`/v1/requests/${otherRequest}/cancel`).set(bearer(enterprise.token)).expect(200);
    await act(api, enterprise.token, engagement.id, 'cancel').expect(200);
  });
});
