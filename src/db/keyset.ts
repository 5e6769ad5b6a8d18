import { and, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export type CreatedAtKeyset = { createdAt: string; id: string };

/** Rows after a (createdAt, id) cursor: the condition behind `createdAtCursor` lists. */
export function afterCreatedAt(table: { createdAt: PgColumn; id: PgColumn }, key: CreatedAtKeyset | undefined): SQL | undefined {
  if (!key) return undefined;
  const at = new Date(key.createdAt);
  return or(gt(table.createdAt, at), and(eq(table.createdAt, at), gt(table.id, key.id)));
}

/**
 * Rows before a (createdAt, id) cursor, for the newest-first lists: a row comparison, so the page
 * is one backward range scan of a (tenant, created_at, id) index.
 */
export function beforeCreatedAt(createdAt: PgColumn | SQL, id: PgColumn | SQL, key: CreatedAtKeyset | undefined): SQL | undefined {
  if (!key) return undefined;
  return sql`(${createdAt}, ${id}) < (${new Date(key.createdAt).toISOString()}::timestamptz, ${key.id}::uuid)`;
}
