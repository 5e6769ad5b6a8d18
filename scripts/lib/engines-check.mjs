#!/usr/bin/env node
// Manual check of scripts/lib/engines.mjs (code in scripts/lib/engines/): run from the repository root with
//   node scripts/lib/engines-check.mjs
// optionally with DATABASE_URL / REDIS_URL set. Exits 0 when everything answered.
import crypto from 'node:crypto';
import postgres from 'postgres';
import { Redis } from 'ioredis';
import { ensureEngines, createDatabase, dropDatabase } from './engines.mjs';

const t0 = Date.now();
/** @param {string} msg */
const say = (msg) => console.log(`[check ${process.pid} +${((Date.now() - t0) / 1000).toFixed(2)}s] ${msg}`);

/** @type {Awaited<ReturnType<typeof ensureEngines>> | null} */
let engines = null;
try {
  engines = await ensureEngines({
    root: process.cwd(),
    log: (msg) => say(msg),
  });
  say(`databaseUrl ${engines.databaseUrl.replace(/:[^:@/]*@/, ':***@')}`);
  say(`redisUrl    ${engines.redisUrl}`);

  const sql = postgres(engines.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ version }] = await sql`select version()`;
    say(`select version() -> ${version}`);
  } finally {
    await sql.end({ timeout: 5 });
  }

  const redis = new Redis(engines.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    say(`redis PING -> ${await redis.ping()}`);
  } finally {
    redis.disconnect();
  }

  const name = `seaward_check_${crypto.randomBytes(4).toString('hex')}`;
  const url = await createDatabase(engines.databaseUrl, name);
  const again = await createDatabase(engines.databaseUrl, name); // idempotent
  if (again !== url) throw new Error(`createDatabase returned ${again} then ${url}`);
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ current_database: current }] = await db`select current_database()`;
    say(`created database ${name}; connected to it: current_database() = ${current}`);
  } finally {
    await db.end({ timeout: 5 });
  }
  await dropDatabase(engines.databaseUrl, name);
  await dropDatabase(engines.databaseUrl, name); // IF EXISTS: fine twice
  const check = postgres(engines.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await check`select 1 from pg_database where datname = ${name}`;
    if (rows.length !== 0) throw new Error(`database ${name} still exists after dropDatabase`);
    say(`dropped database ${name}`);
  } finally {
    await check.end({ timeout: 5 });
  }
} catch (err) {
  console.error(`engines-check failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await engines?.stop();
  await engines?.stop(); // idempotent
  say(`done (exit ${process.exitCode ?? 0})`);
}
