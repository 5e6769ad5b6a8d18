import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { beginWithin, serverTimeouts, withQueueTimeout, type PoolLimits } from './pool-limits.js';
import { preparedForDrizzle } from './prepared-statements.js';
import { traceSql } from '../telemetry/postgres-spans.js';
import { tracingEnabled } from '../telemetry/tracing.js';
import * as schema from './schema/index.js';

export type Database = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Repositories take either, so a service decides where the transaction begins. */
export type DbOrTx = Database | Tx;

let pools = 0;

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
 * statements on purpose (migrations, seeding, verification) pass none. Each pool's connections
 * carry an application_name of their own, so pg_stat_activity (and /metrics) can tell it apart.
 * `prepare` false (DATABASE_PREPARED_STATEMENTS) is for PgBouncer in transaction mode before 1.21.
 * `customPlans`: every statement is planned for its values (see CUSTOM_PLAN_DB in db.module.ts).
 */
export function createSql(url: string, max = 10, limits?: PoolLimits, prepare = true, { customPlans = false } = {}): postgres.Sql {
  const applicationName = `seaward-${process.pid}-${++pools}`;
  const pool = postgres(url, {
    max,
    prepare,
    onnotice: () => undefined,
    connect_timeout: 5,
    backoff: connectBackoffSeconds,
    connection: {
      application_name: applicationName,
      ...(limits ? serverTimeouts(limits) : {}),
      ...(customPlans ? { plan_cache_mode: 'force_custom_plan' } : {}),
    },
  });
  const sql = prepare ? preparedForDrizzle(pool) : pool;
  const traced = tracingEnabled() ? traceSql(sql, new URL(url).pathname.slice(1) || 'postgres') : sql;
  return limits ? withQueueTimeout(traced, limits.acquireTimeoutMs) : traced;
}

export function applicationNameOf(sql: postgres.Sql): string {
  return (sql.options as { connection?: { application_name?: string } }).connection?.application_name ?? 'postgres.js';
}

export function createDb(sql: postgres.Sql, acquireTimeoutMs = 0): Database {
  const db = drizzle(sql, { schema });
  if (acquireTimeoutMs > 0) {
    const begin = db.transaction.bind(db);
    db.transaction = ((run, config) => beginWithin((inner) => begin(inner, config), acquireTimeoutMs, run)) as Database['transaction'];
  }
  return db;
}
