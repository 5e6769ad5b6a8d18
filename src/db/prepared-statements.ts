import type postgres from 'postgres';

type Unsafe = (query: string, parameters?: unknown[], options?: Record<string, unknown>) => unknown;

/**
 * drizzle sends each statement through `unsafe` with `prepare: false`: postgres.js then describes
 * the unnamed statement in one round trip and runs it in a second, every time. Named prepared
 * statements (postgres.js keeps them per connection, for the connection's max_lifetime) take one
 * round trip and skip the server's parse. Applied on the pool and inside its transactions;
 * PgBouncer in transaction mode before 1.21 needs DATABASE_PREPARED_STATEMENTS=false.
 */
export function preparedForDrizzle<T extends postgres.Sql>(sql: T): T {
  const unsafe = sql.unsafe.bind(sql) as Unsafe;
  sql.unsafe = ((query: string, parameters?: unknown[], options?: Record<string, unknown>) =>
    parameters?.length ? unsafe(query, parameters, { ...options, prepare: true }) : unsafe(query, parameters, options)) as T['unsafe'];
  for (const key of ['begin', 'savepoint'] as const) {
    const open = (sql as Partial<Record<typeof key, (...args: unknown[]) => Promise<unknown>>>)[key];
    if (typeof open !== 'function') continue;
    (sql as Record<string, unknown>)[key] = (...args: unknown[]) => {
      const body = args.pop() as (tx: postgres.Sql) => unknown;
      return open.call(sql, ...args, (tx: postgres.Sql) => body(preparedForDrizzle(tx)));
    };
  }
  return sql;
}
