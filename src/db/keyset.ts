import { and, eq, gt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export type CreatedAtKeyset = { createdAt: string; id: string };

/** Rows after a (createdAt, id) cursor: the condition behind `createdAtCursor` lists. */
export function afterCreatedAt(table: { createdAt: PgColumn; id: PgColumn }, key: CreatedAtKeyset | undefined): SQL | undefined {
  if (!key) return undefined;
  const at = new Date(key.createdAt);
  return or(gt(table.createdAt, at), and(eq(table.createdAt, at), gt(table.id, key.id)));
}
