/** Postgres error fields, whether postgres.js threw directly or drizzle wrapped its error as the cause. */
export interface PgErrorFields {
  code?: string;
  constraint?: string;
  detail?: string;
}

export function pgErrorOf(error: unknown): PgErrorFields {
  const direct = error as { code?: string; constraint_name?: string; detail?: string; cause?: unknown };
  const source = direct?.code ? direct : (direct?.cause as { code?: string; constraint_name?: string; detail?: string } | undefined);
  return { code: source?.code, constraint: source?.constraint_name, ...(source?.detail ? { detail: source.detail } : {}) };
}

export const UNIQUE_VIOLATION = '23505';
export const CHECK_VIOLATION = '23514';
export const LOCK_NOT_AVAILABLE = '55P03';
/** Postgres broke a lock cycle or a serialization conflict by rolling one transaction back whole. */
export const ROLLED_BACK_FOR_CONFLICT = new Set(['40P01', '40001']);
/** A statement timeout, or a queued statement the pool gave up on (postgres.js uses the same code). */
export const QUERY_CANCELED = '57014';

/**
 * The connection, not the statement, failed: refused, reset, closed mid-query, connect timeout
 * (postgres.js codes), or Postgres's own connection-exception class 08 and shutdown codes.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
]);

export function isConnectionFailure(error: unknown): boolean {
  const { code } = pgErrorOf(error);
  return !!code && (CONNECTION_CODES.has(code) || code.startsWith('08'));
}
