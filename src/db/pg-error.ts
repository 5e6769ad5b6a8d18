/** Postgres error fields, whether postgres.js threw directly or drizzle wrapped its error as the cause. */
export interface PgErrorFields {
  code?: string;
  constraint?: string;
}

export function pgErrorOf(error: unknown): PgErrorFields {
  const direct = error as { code?: string; constraint_name?: string; cause?: unknown };
  const source = direct?.code ? direct : (direct?.cause as { code?: string; constraint_name?: string } | undefined);
  return { code: source?.code, constraint: source?.constraint_name };
}

export const UNIQUE_VIOLATION = '23505';
export const CHECK_VIOLATION = '23514';
export const LOCK_NOT_AVAILABLE = '55P03';
/** A statement timeout, or a queued statement the pool gave up on (postgres.js uses the same code). */
export const QUERY_CANCELED = '57014';
