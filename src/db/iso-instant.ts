import { sql, type SQL } from 'drizzle-orm';

/**
 * A timestamptz column as the exact ISO-8601 text (UTC, milliseconds) that keyset cursors carry:
 * a JS Date would round-trip it too, but reading it as text keeps the cursor out of the driver's
 * type parsing.
 */
export function isoInstant(column: string): SQL {
  return sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
}
