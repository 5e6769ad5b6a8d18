import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
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

export function createSql(url: string, max = 10): postgres.Sql {
  return postgres(url, { max, onnotice: () => undefined, connect_timeout: 5, backoff: connectBackoffSeconds });
}

export function createDb(sql: postgres.Sql): Database {
  return drizzle(sql, { schema });
}
