// One fresh database per test run, on whatever server DATABASE_URL names (./scripts/test
// provides one), so tests never touch data kept in another database; and a Redis key prefix of
// the run's own for queues, rate limits and idempotency keys. Each e2e file works on a copy of
// this database (file-database.mjs). Plain JS: Jest loads this file outside its ESM module mapping.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

export default async function globalSetup() {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const run = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const name = `seaward_test_${run}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`).finally(() => admin.end());

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => undefined });
  await migrate(drizzle(sql), { migrationsFolder: fileURLToPath(new URL('../../migrations', import.meta.url)) }).finally(() => sql.end());

  process.env.SEAWARD_TEST_ADMIN_URL = adminUrl;
  process.env.SEAWARD_TEST_TEMPLATE = name;
  process.env.SEAWARD_TEST_DATABASE = name;
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.REDIS_PREFIX = `seaward_test_${run}`;
  process.env.LOG_LEVEL ??= 'silent';
  // Dev tokens are opt-in; the tests get theirs from POST /v1/auth/dev-tokens.
  process.env.AUTH_DEV_TOKENS ??= 'true';
}
