import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { and, eq, sql } from 'drizzle-orm';
import { notificationDeliveries, outbox } from '../../src/db/schema/index.js';
import { bearer, createProvider } from '../factories/providers.js';
import { eventually, openDatabase, startApi, startWorker, type Api } from '../support/harness.js';

/** A logged-in organisation must not make Seaward's worker call into its own network. */
describe('outgoing webhooks reach public addresses only', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let internal: Server;
  let internalHits = 0;
  let internalUrl: string;
  let queue: Queue;
  const database = openDatabase();

  beforeAll(async () => {
    // An "internal" service on loopback, standing in for Redis, Typesense or a metadata endpoint.
    internal = createServer((_req, res) => {
      internalHits++;
      res.end('secret');
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/`;
    const env = { REDIS_PREFIX: `${process.env.REDIS_PREFIX}_ssrf` };
    queue = new Queue('notifications', { connection: { url: process.env.REDIS_URL! }, prefix: env.REDIS_PREFIX });
    api = await startApi(env);
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await queue.close();
    await worker.close();
    await api.close();
    await database.close();
    internal.close();
  });

  it.each([
    ['http://127.0.0.1:6379/', /loopback/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://[::1]:8108/', /loopback/],
    ['http://10.0.0.5/', /private/],
    ['http://0.0.0.0:3000/', /unspecified/],
    ['http://100.64.1.1/', /carrier-grade/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://[fd00::1]/', /unique local/],
    ['http://224.0.0.1/', /multicast/],
    ['http://2130706433/', /loopback/],
    ['http://localhost:6379/', /loopback/],
  ])('refuses %s at registration with 422 and the reason', async (url, reason) => {
    const provider = await createProvider(api);
    const res = await api.http.put('/v1/notification-endpoint').set(bearer(provider.token)).send({ url }).expect(422);
    expect(res.body).toMatchObject({ code: 'destination_refused', errors: [{ path: 'url', message: expect.stringMatching(reason) }] });
  });

  it('does not deliver to a private address registered before the rule (checked again at delivery, after DNS)', async () => {
    const provider = await createProvider(api);
    // As if registered before the check existed: written straight to the table.
    await database.db.execute(
      sql`insert into notification_endpoints (org, url, secret) values (${provider.id}, ${internalUrl.replace('127.0.0.1', 'localhost')}, 'whsec_test')`,
    );
    const admin = await api.token('admin', 'platform');
    await api.http
      .post('/v1/alliances')
      .set(bearer(admin))
      .send({ name: 'SSRF 联盟', districts: ['xuhui'] })
      .expect(201);
    const alliance = (await api.http.get('/v1/alliances').set(bearer(admin)).expect(200)).body.data.find((a: { name: string }) => a.name === 'SSRF 联盟');
    await api.http.post(`/v1/alliances/${alliance.id}/applications`).set(bearer(provider.token)).send({});
    const [event] = await database.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.queue, 'notifications'), sql`${outbox.payload}->>'recipientOrg' = ${provider.id}`));
    expect(event).toBeDefined();
    // The outbox relays it; the worker refuses the destination for good and never connects.
    const failed = await eventually(
      () => queue.getFailed(),
      (jobs) => jobs.some((j) => j.data.outboxId === event!.id),
      15_000,
    );
    const job = failed.find((j) => j.data.outboxId === event!.id)!;
    expect(job.failedReason).toMatch(/refused destination: localhost resolves to 127\.0\.0\.1 is a loopback address/);
    expect(job.attemptsMade).toBe(1);
    expect(await database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.outboxId, event!.id))).toEqual([]);
    expect(internalHits).toBe(0);
  });
});
