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
    const answers = [];
    for (const replica of [replicaA, replicaB, replicaA, replicaB]) {
      answers.push(await replica.http.get('/v1/enterprises').auth(token, { type: 'bearer' }));
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.headers['ratelimit-remaining'])).toEqual(['3', '2', '1', '0']);
    expect(answers[0].headers['ratelimit-limit']).toBe('4');
    const limited = await replicaB.http.get('/v1/enterprises').auth(token, { type: 'bearer' }).expect(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('has no window edge: a limit spent just before a minute boundary is not renewed just after it', async () => {
    // The limiter used to count per wall-clock minute, letting 2x the limit through across the
    // boundary. Spend the limit in the last seconds of a minute, then ask again just after it.
    const token = await replicaA.token('admin', 'platform', `edge-${randomUUID()}`);
    const untilSecond57 = (57_000 - (Date.now() % 60_000) + 60_000) % 60_000;
    await new Promise((resolve) => setTimeout(resolve, untilSecond57));
    for (const replica of [replicaA, replicaB, replicaA, replicaB]) {
      await replica.http.get('/v1/enterprises').auth(token, { type: 'bearer' }).expect(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 60_000 - (Date.now() % 60_000) + 500));
    const statuses: number[] = [];
    for (const replica of [replicaA, replicaB, replicaA, replicaB]) {
      statuses.push((await replica.http.get('/v1/enterprises').auth(token, { type: 'bearer' })).status);
    }
    expect(statuses).toEqual([429, 429, 429, 429]);
  }, 90_000);

  it('limits callers separately and never limits health checks', async () => {
    const other = await replicaA.token('admin', 'platform', `other-${randomUUID()}`);
    await replicaA.http.get('/v1/enterprises').auth(other, { type: 'bearer' }).expect(200);
    for (let i = 0; i < 10; i++) await replicaA.http.get('/health/live').expect(200);
  });
});
