import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { startApi, type Api } from '../support/harness.js';

describe('rate limits', () => {
  let replicaA: Api;
  let replicaB: Api;
  const prefix = `${process.env.REDIS_PREFIX}_rl_${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    // Two api replicas sharing one Redis, each with its own fresh counter namespace for this test.
    const env = { RATE_LIMIT_PER_MINUTE: '4', REDIS_PREFIX: prefix };
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

  it('has no window edge: a spent limit comes back one request per interval, never whole at a minute boundary', async () => {
    // The limiter used to count per wall-clock minute, letting 2x the limit through across the
    // boundary. Its state is now one theoretical arrival time per caller on Redis's clock (the
    // Lua twin of libs/rate-limit/gcra.ts, whose spec crosses a minute boundary on an injected
    // clock). Wherever in the minute a limit is spent, the bucket is full again a whole period
    // later and one request comes back after one interval (60 s / 4): a window limiter would
    // give both as the time to the next minute.
    const sub = `edge-${randomUUID()}`;
    const token = await replicaA.token('admin', 'platform', sub);
    const spent = [];
    for (const replica of [replicaA, replicaB, replicaA, replicaB]) {
      spent.push(await replica.http.get('/v1/enterprises').auth(token, { type: 'bearer' }).expect(200));
    }
    const last = spent[3]!;
    expect(last.headers['ratelimit-remaining']).toBe('0');
    expect(Number(last.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(59);
    const limited = await replicaB.http.get('/v1/enterprises').auth(token, { type: 'bearer' }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(14);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15);

    // Fifteen seconds on the limiter's clock, without waiting for them: the caller's arrival time
    // moved fifteen seconds back is what Redis's clock moving on would do. One request comes back.
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const [key, ...others] = await redis.keys(`${prefix}:ratelimit:*${sub}`);
      expect({ key, others }).toEqual({ key: expect.any(String), others: [] });
      const tat = Number(await redis.get(key!));
      expect(await redis.set(key!, (tat - 15_000).toFixed(3), 'KEEPTTL')).toBe('OK');
    } finally {
      redis.disconnect();
    }
    const statuses: number[] = [];
    for (const replica of [replicaA, replicaB, replicaA, replicaB]) {
      statuses.push((await replica.http.get('/v1/enterprises').auth(token, { type: 'bearer' })).status);
    }
    expect(statuses).toEqual([200, 429, 429, 429]);
  });

  it('limits callers separately and never limits health checks', async () => {
    const other = await replicaA.token('admin', 'platform', `other-${randomUUID()}`);
    await replicaA.http.get('/v1/enterprises').auth(other, { type: 'bearer' }).expect(200);
    for (let i = 0; i < 10; i++) await replicaA.http.get('/health/live').expect(200);
  });
});
