import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { beginWithin, serverTimeouts, withQueueTimeout, type PoolLimits } from './pool-limits.js';
import * as schema from './schema/index.js';

export type Database = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Repositories take either, so a service decides where the transaction begins. */
export type DbOrTx = Database | Tx;

/**
 * After a failed connection postgres.js waits before the next attempt, by default up to 20 s
 * (3^n / 100 s): every query in that time waits too, so an outage would hang requests instead of
 * answering 503. Attempts here back off from 50 ms to at most a second, and a connection that
 * does not open in 5 s fails (both in seconds, as postgres.js takes them).
 */
export function connectBackoffSeconds(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 1);
}

/**
 * A pool. With `limits`, every connection carries the lock and statement timeouts and queued
 * statements give up after the acquire timeout (the api and worker); scripts that run long
 * statements on purpose (migrations, seeding, verification) pass none.
 */
export function createSql(url: string, max = 10, limits?: PoolLimits): postgres.Sql {
  const sql = postgres(url, {
    max,
    onnotice: () => undefined,
    connect_timeout: 5,
    backoff: connectBackoffSeconds,
    ...(limits ? { connection: serverTimeouts(limits) } : {}),
  });
  return limits ? withQueueTimeout(sql, limits.acquireTimeoutMs) : sql;
}

export function createDb(sql: postgres.Sql, acquireTimeoutMs = 0): Database {
  const db = drizzle(sql, { schema });
  if (acquireTimeoutMs > 0) {
    const begin = db.transaction.bind(db);
    db.transaction = ((run, config) => beginWithin((inner) => begin(inner, config), acquireTimeoutMs, run)) as Database['transaction'];
  }
  return db;
}
