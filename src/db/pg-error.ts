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
