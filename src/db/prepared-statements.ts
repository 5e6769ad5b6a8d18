import { sql as statement, type SQL } from 'drizzle-orm';
import type postgres from 'postgres';

const PLAN_EACH_TIME = '/* planned for its values */ ';

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
    parameters?.length && !query.startsWith(PLAN_EACH_TIME)
      ? unsafe(query, parameters, { ...options, prepare: true })
      : unsafe(query, parameters, options)) as T['unsafe'];
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

/**
 * A statement whose best plan depends on its values, sent unnamed so Postgres plans it for them
 * on every call. After five calls of a named statement Postgres may settle on one generic plan
 * for all values: for provider search that meant sorting all 8,800 matches of `tax advisory`
 * (27 ms) where walking the newest providers finds the page in 2 ms (issue 31).
 */
export function planEachTime(query: SQL): SQL {
  return statement`${statement.raw(PLAN_EACH_TIME)}${query}`;
}
