import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A provider's webhook, served by the test: the first delivery fails once, so a retry must follow. */
describe('notifications by webhook', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let server: Server;
  let url: string;
  const received: Received[] = [];
  let failNext = true;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (failNext) {
          failNext = false;
          res.statusCode = 503;
          return res.end();
        }
        received.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/seaward`;
    // The receiver is on loopback, which only a deployment that allows private networks reaches.
    const env = { REDIS_PREFIX: `${process.env.REDIS_PREFIX}_webhooks`, NOTIFICATION_ALLOW_PRIVATE_NETWORKS: 'true' };
    api = await startApi(env);
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    server.close();
  });

  it('signs invitations to the provider’s URL and retries a failed delivery', async () => {
    const alliance = await createAlliance(api);
    const provider = await createProvider(api, {
      categories: ['it_digital'],
      services: ['cybersecurity'],
      countries: ['EG'],
      overseasOffices: [],
      sectors: ['65'],
    });
    await vet(api, alliance, provider);
    const set = await api.http.put('/v1/notification-endpoint').set(bearer(provider.token)).send({ url }).expect(200);
    expect(set.body.secret).toMatch(/^whsec_/);
    await api.http.put('/v1/notification-endpoint').set(bearer(provider.token)).send({ url: 'ftp://example.com' }).expect(400);

    const enterprise = await createEnterprise(api);
    const requestId = await createRequest(api, enterprise.token, { category: 'it_digital', services: ['cybersecurity'], countries: ['EG'] });
    await publish(api, enterprise.token, requestId);

    const invitations = await eventually(
      async () => received.filter((r) => JSON.parse(r.body).event === 'request.invited'),
      (found) => found.length > 0,
      15_000,
    );
    expect(invitations).toHaveLength(1);
    const [delivery] = invitations;
    const payload = JSON.parse(delivery!.body);
    expect(payload).toMatchObject({ event: 'request.invited', recipientOrg: provider.id, data: { requestId } });
    expect(payload.id).toMatch(/^evt_\d+$/);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(delivery!.headers['seaward-signature']))!;
    expect(v1).toBe(createHmac('sha256', set.body.secret).update(`${t}.${delivery!.body}`).digest('hex'));
  });
});
