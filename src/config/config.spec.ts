import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const minimal = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/seaward', REDIS_URL: 'redis://127.0.0.1:6379' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('starts from DATABASE_URL and REDIS_URL alone, with documented defaults', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({ port: 3000, rateLimitPerMinute: 1200, bodyLimit: '1mb', idempotencyTtlSeconds: 86_400 });
    expect(config.auth.devTokens).toBe(false);
    expect(loadConfig({ ...minimal, AUTH_DEV_TOKENS: 'true' }).auth.devTokens).toBe(true);
  });

  it('names each missing variable', () => {
    expect(problemsOf({})).toEqual(['DATABASE_URL: is required', 'REDIS_URL: is required']);
  });

  it('names a malformed variable', () => {
    expect(problemsOf({ ...minimal, PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(problemsOf({ ...minimal, DATABASE_URL: 'mysql://x' })).toEqual([expect.stringMatching(/^DATABASE_URL: /)]);
    expect(problemsOf({ ...minimal, RATE_LIMIT_PER_MINUTE: '-1' })).toEqual([expect.stringMatching(/^RATE_LIMIT_PER_MINUTE: /)]);
  });

  it('requires the OIDC settings in production and refuses dev tokens there', () => {
    const problems = problemsOf({ ...minimal, NODE_ENV: 'production', AUTH_DEV_TOKENS: 'true' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'AUTH_DEV_TOKENS: must not be true in production',
        'AUTH_JWKS_URL: is required in production',
        'AUTH_ISSUER: is required in production',
        'AUTH_AUDIENCE: is required in production',
      ]),
    );
  });

  it('takes a {hash tag} as REDIS_PREFIX for Redis Cluster, and refuses other braces', () => {
    expect(loadConfig({ ...minimal, REDIS_PREFIX: '{seaward}' }).redisPrefix).toBe('{seaward}');
    expect(loadConfig({ ...minimal, REDIS_PREFIX: '{seaward}_test' }).redisPrefix).toBe('{seaward}_test');
    expect(problemsOf({ ...minimal, REDIS_PREFIX: 'sea{ward}' })).toEqual([expect.stringMatching(/^REDIS_PREFIX: .*hash tag/)]);
    expect(problemsOf({ ...minimal, REDIS_PREFIX: '{seaward' })).toHaveLength(1);
  });

  it('connects to a Redis Cluster through seed nodes, which need a {hash tag} prefix', () => {
    const { DATABASE_URL } = minimal;
    const cluster = loadConfig({ DATABASE_URL, REDIS_CLUSTER_NODES: 'redis://10.0.0.1:6379, redis://10.0.0.2:6379', REDIS_PREFIX: '{seaward}' });
    expect(cluster.redisClusterNodes).toEqual(['redis://10.0.0.1:6379', 'redis://10.0.0.2:6379']);
    expect(loadConfig(minimal).redisClusterNodes).toBeNull();
    expect(problemsOf({ DATABASE_URL, REDIS_CLUSTER_NODES: 'redis://10.0.0.1:6379' })).toEqual([
      'REDIS_PREFIX: must start with a {hash tag} on Redis Cluster, e.g. {seaward}',
    ]);
    expect(problemsOf({ DATABASE_URL, REDIS_CLUSTER_NODES: 'redis://10.0.0.1:6379,10.0.0.2', REDIS_PREFIX: '{s}' })).toEqual([
      expect.stringMatching(/^REDIS_CLUSTER_NODES\.1: a comma-separated list/),
    ]);
    expect(problemsOf({ DATABASE_URL })).toEqual(['REDIS_URL: is required']);
  });

  it('takes a Typesense node list, a read replica URL and the metrics settings', () => {
    const config = loadConfig({
      ...minimal,
      TYPESENSE_URL: 'http://ts-1:8108, http://ts-2:8108,http://ts-3:8108',
      DATABASE_READ_URL: 'postgres://reader@replica:5432/seaward',
      METRICS_TOKEN: 'a-token-of-16-chars',
      WORKER_METRICS_PORT: '9464',
    });
    expect(config.typesense?.url).toBe('http://ts-1:8108, http://ts-2:8108,http://ts-3:8108');
    expect(config).toMatchObject({ databaseReadUrl: 'postgres://reader@replica:5432/seaward', metricsToken: 'a-token-of-16-chars', workerMetricsPort: 9464 });
    expect(problemsOf({ ...minimal, TYPESENSE_URL: 'http://ts-1:8108,ftp://ts-2' })).toEqual([
      'TYPESENSE_URL: one http(s) URL or a comma-separated list of them',
    ]);
    expect(problemsOf({ ...minimal, METRICS_TOKEN: 'short' })).toEqual(['METRICS_TOKEN: at least 16 characters']);
  });
});
