// Drops the run's database and each file's copy of it (file-database.mjs), and deletes the run's
// Redis keys (SEAWARD_KEEP_TEST_DB=true keeps the databases).
import { Redis } from 'ioredis';
import postgres from 'postgres';

export default async function globalTeardown() {
  const adminUrl = process.env.SEAWARD_TEST_ADMIN_URL;
  const name = process.env.SEAWARD_TEST_TEMPLATE;
  if (process.env.SEAWARD_KEEP_TEST_DB !== 'true' && adminUrl && name) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    try {
      const copies = await admin`select datname from pg_database where datname = ${name} or starts_with(datname, ${`${name}_`})`;
      for (const { datname } of copies) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
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
