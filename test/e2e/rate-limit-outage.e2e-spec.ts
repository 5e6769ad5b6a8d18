import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApi, type Api } from '../support/harness.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';

describe('rate limits when Redis is unreachable', () => {
  let redis: PrivateRedis;
  let api: Api;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    api = await startApi({ REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '3', REDIS_PREFIX: `rl_outage_${randomUUID().slice(0, 8)}` });
  });
  afterAll(async () => {
    await api.close();
    await redis.stop();
  });

  it('fails open to a per-replica limit: Postgres-only reads keep answering, the limit still holds, never a 500', async () => {
    const token = await api.token('admin', 'platform', `outage-${randomUUID()}`);
    await api.http.get('/v1/enterprises').auth(token, { type: 'bearer' }).expect(200);
    await redis.stop();

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.http.get('/v1/enterprises').auth(token, { type: 'bearer' })).status);
    // The in-process bucket starts full: three more reads, then the caller is limited on this replica.
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api.http.get('/v1/enterprises').auth(token, { type: 'bearer' }).expect(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
