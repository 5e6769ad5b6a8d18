import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { traceSql } from '../telemetry/postgres-spans.js';
import { tracingEnabled } from '../telemetry/tracing.js';
import * as schema from './schema/index.js';

export type Database = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Repositories take either, so a service decides where the transaction begins. */
export type DbOrTx = Database | Tx;

let pools = 0;

/** Each pool's connections carry a name of their own, so pg_stat_activity (and /metrics) can tell the pool apart. */
export function createSql(url: string, max = 10): postgres.Sql {
  const applicationName = `seaward-${process.pid}-${++pools}`;
  const sql = postgres(url, { max, onnotice: () => undefined, connect_timeout: 10, connection: { application_name: applicationName } });
  return tracingEnabled() ? traceSql(sql, new URL(url).pathname.slice(1) || 'postgres') : sql;
}

export function applicationNameOf(sql: postgres.Sql): string {
  return (sql.options as { connection?: { application_name?: string } }).connection?.application_name ?? 'postgres.js';
}

export function createDb(sql: postgres.Sql): Database {
  return drizzle(sql, { schema });
}
