import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApi, type Api } from '../support/harness.js';

describe('rate limits', () => {
  let replicaA: Api;
  let replicaB: Api;
  beforeAll(async () => {
    // Two api replicas sharing one Redis, each with its own fresh counter namespace for this test.
    const env = { RATE_LIMIT_PER_MINUTE: '4', REDIS_PREFIX: `${process.env.REDIS_PREFIX}_rl_${randomUUID().slice(0, 8)}` };
    replicaA = await startApi(env);
    replicaB = await startApi(env);
  });
  afterAll(async () => {
    await replicaA.close();
    await replicaB.close();
  });

  it('counts a caller across every replica and answers 429 rate_limited with Retry-After', async () => {
    const token = await replicaA.token('admin', 'platform', `limited-${randomUUID()}`);
    const statuses: number[] = [];
    for (const replica of [replicaA, replicaB, replicaA, replicaB]) {
      statuses.push((await replica.http.get('/v1/enterprises').auth(token, { type: 'bearer' })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    const limited = await replicaB.http.get('/v1/enterprises').auth(token, { type: 'bearer' }).expect(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits callers separately and never limits health checks', async () => {
    const other = await replicaA.token('admin', 'platform', `other-${randomUUID()}`);
    await replicaA.http.get('/v1/enterprises').auth(other, { type: 'bearer' }).expect(200);
    for (let i = 0; i < 10; i++) await replicaA.http.get('/health/live').expect(200);
  });
});
