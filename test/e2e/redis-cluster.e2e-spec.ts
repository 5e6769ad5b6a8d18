import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cluster } from 'ioredis';
import { createEnterprise, enterpriseBody } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';
import { startRedisCluster, type PrivateRedisCluster } from '../support/redis-cluster.js';

/**
 * The api and the worker on a real three-master Redis Cluster: rate limits, idempotency replays
 * and the queues (an invitation from publish to the provider's webhook, through the outbox relay
 * and BullMQ) all work, and every key of the deployment sits in the one slot of its hash tag.
 */
describe('on Redis Cluster', () => {
  const prefix = `{seaward_cluster_${Date.now().toString(36)}}`;
  let cluster: PrivateRedisCluster;
  let api: Api;
  let worker: INestApplicationContext;
  let receiver: Server;
  let url: string;
  const received: string[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => (received.push(body), res.end('ok')));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    // One seed node is enough: the client learns the others from it. 30 a minute: one token every
    // 2 s, so a few quick requests show in the remaining count whatever the machine's speed.
    const env = {
      REDIS_CLUSTER_NODES: cluster.nodes[0]!,
      REDIS_PREFIX: prefix,
      NOTIFICATION_ALLOW_PRIVATE_NETWORKS: 'true',
      RATE_LIMIT_PER_MINUTE: '30',
    };
    api = await startApi(env);
    worker = await startWorker(env);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    receiver?.close();
    await cluster?.stop();
  });

  /** The keys of this deployment on each master that holds any: the hash tag puts them all in one slot. */
  async function keysByNode(): Promise<string[][]> {
    const client = new Cluster([{ host: '127.0.0.1', port: Number(new URL(cluster.nodes[0]!).port) }]);
    try {
      await new Promise((resolve) => client.once('ready', resolve));
      const perNode = await Promise.all(client.nodes('master').map((node) => node.keys(`${prefix}*`)));
      return perNode.filter((keys) => keys.length > 0);
    } finally {
      await client.quit();
    }
  }

  it('is ready, limits rates and replays idempotent requests through the cluster', async () => {
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');

    const admin = await api.token('admin', 'platform');
    const body = enterpriseBody();
    const first = await api.http.post('/v1/enterprises').set(bearer(admin)).set('Idempotency-Key', 'cluster-1').send(body).expect(201);
    const again = await api.http.post('/v1/enterprises').set(bearer(admin)).set('Idempotency-Key', 'cluster-1').send(body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    const remaining = [again];
    for (let i = 0; i < 3; i++) remaining.push(await api.http.get(`/v1/enterprises/${first.body.id}`).set(bearer(admin)).expect(200));
    const counts = remaining.map((res) => Number(res.headers['ratelimit-remaining']));
    expect(counts.at(-1)).toBeLessThan(counts[0]!);

    const nodes = await keysByNode();
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.some((key) => key.startsWith(`${prefix}:ratelimit:`))).toBe(true);
    expect(nodes[0]!.some((key) => key.startsWith(`${prefix}:idempotency:`))).toBe(true);
  });

  it('delivers an invitation from publish to the webhook through the queues on the cluster', async () => {
    const alliance = await createAlliance(api);
    const provider = await createProvider(api, {
      categories: ['it_digital'],
      services: ['cybersecurity'],
      countries: ['KI'],
      overseasOffices: [],
      sectors: ['65'],
    });
    await vet(api, alliance, provider);
    await api.http.put('/v1/notification-endpoint').set(bearer(provider.token)).send({ url }).expect(200);
    const enterprise = await createEnterprise(api);
    const requestId = await createRequest(api, enterprise.token, { category: 'it_digital', services: ['cybersecurity'], countries: ['KI'] });
    await publish(api, enterprise.token, requestId);

    const invitations = await eventually(
      async () => received.map((raw) => JSON.parse(raw)).filter((event) => event.event === 'request.invited' && event.data.requestId === requestId),
      (found) => found.length > 0,
      20_000,
    );
    expect(invitations).toEqual([expect.objectContaining({ recipientOrg: provider.id })]);

    const nodes = await keysByNode();
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.some((key) => key.startsWith(`${prefix}:notifications:`))).toBe(true);
  });
});
