// Drops the run's database and deletes its Redis keys (SEAWARD_KEEP_TEST_DB=true keeps the database).
import { Redis } from 'ioredis';
import postgres from 'postgres';

export default async function globalTeardown() {
  const adminUrl = process.env.SEAWARD_TEST_ADMIN_URL;
  const name = process.env.SEAWARD_TEST_DATABASE;
  if (process.env.SEAWARD_KEEP_TEST_DB !== 'true' && adminUrl && name) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`drop database if exists "${name}" with (force)`).finally(() => admin.end());
  }
  const prefix = process.env.REDIS_PREFIX;
  if (prefix?.startsWith('seaward_test_') && process.env.REDIS_URL) {
    const redis = new Redis(process.env.REDIS_URL);
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 })) {
      if (keys.length) await redis.unlink(...keys);
    }
    await redis.quit();
  }
}
