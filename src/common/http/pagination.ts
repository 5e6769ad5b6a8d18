import { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export function page<T>(data: T[], nextCursor: string | null = null): Page<T> {
  return { data, nextCursor };
}

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, shape: S): z.infer<S> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw DomainError.validation([{ path: 'cursor', message: 'is not a cursor this endpoint issued' }]);
  }
}

/** Fetch `limit + 1` rows; this trims the extra one and makes the cursor from the last kept row. */
export function toPage<R, V>(rows: R[], limit: number, view: (row: R) => V, key: (row: R) => Record<string, string | number>): Page<V> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return page(kept.map(view), more ? encodeCursor(key(kept.at(-1)!)) : null);
}

/** The keyset most lists use: newest-last by creation time, ties broken by id. */
export const createdAtCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });
export const createdAtKey = (row: { createdAt: Date; id: string }) => ({ createdAt: row.createdAt.toISOString(), id: row.id });
