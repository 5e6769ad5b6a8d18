import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Database = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Repositories take either, so a service decides where the transaction begins. */
export type DbOrTx = Database | Tx;

export function createSql(url: string, max = 10): postgres.Sql {
  return postgres(url, { max, onnotice: () => undefined, connect_timeout: 10 });
}

export function createDb(sql: postgres.Sql): Database {
  return drizzle(sql, { schema });
}
