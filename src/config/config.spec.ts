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
});
