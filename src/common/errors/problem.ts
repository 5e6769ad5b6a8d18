import { HttpException } from '@nestjs/common';
import { CHECK_VIOLATION, isConnectionFailure, LOCK_NOT_AVAILABLE, QUERY_CANCELED, ROLLED_BACK_FOR_CONFLICT, pgErrorOf } from '../../db/pg-error.js';
import { PoolAcquireTimeout } from '../../db/pool-limits.js';
import { DomainError } from './domain-error.js';
import { ERROR_CODES, type ErrorCode, type FieldError } from './error-codes.js';

/** RFC 9457 problem details, with our stable `code` and, for bad input, the fields at fault. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  instance?: string;
  requestId?: string;
}

const CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'idempotency_key_reused',
  429: 'rate_limited',
  503: 'unavailable',
};

export function problemOf(code: ErrorCode, detail?: string, errors?: FieldError[]): Problem {
  const { status, title } = ERROR_CODES[code];
  return { type: `/problems/${code}`, title, status, detail: detail ?? title, code, ...(errors ? { errors } : {}) };
}

/** A problem stored under an Idempotency-Key, sent again as it was. */
export class ReplayedProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/**
 * Refusals the database itself makes, whatever code path ran into them. The ledger applies
 * postings at COMMIT, so a budget overdrawn by a race surfaces here rather than in a service.
 */
function databaseRefusal(error: unknown): Problem | null {
  const { code, constraint, detail } = pgErrorOf(error);
  if (code === CHECK_VIOLATION && constraint === 'ledger_accounts_available_non_negative') {
    return problemOf('budget_exhausted', 'The programme has not enough budget available');
  }
  if (code === CHECK_VIOLATION && constraint === 'funder_ledger_accounts_available_non_negative') {
    // The failing row is (program_id, funder, account, currency, balance): name the funder.
    const funder = /^Failing row contains \([^,]+, ([^,]+),/.exec(detail ?? '')?.[1];
    return problemOf('budget_exhausted', `A funder${funder ? ` (${funder})` : ''} of the programme has not enough budget for its share`);
  }
  // A transaction cut by a lost connection was rolled back by Postgres: nothing was half-written.
  if (isConnectionFailure(error)) return problemOf('dependency_unavailable', 'The database cannot be reached; retry shortly');
  return null;
}

/** Contention given up on by the pool's limits: the caller may retry shortly (Retry-After). */
export function busyProblem(error: unknown): Problem | null {
  if (error instanceof PoolAcquireTimeout) return problemOf('service_busy', 'No database connection became free in time');
  const { code } = pgErrorOf(error);
  if (code === LOCK_NOT_AVAILABLE) return problemOf('service_busy', 'Another operation holds this object; retry shortly');
  if (code === QUERY_CANCELED) return problemOf('service_busy', 'The database did not answer in time');
  // Nothing of the request was written: the same call (with its Idempotency-Key) may be sent again.
  if (code && ROLLED_BACK_FOR_CONFLICT.has(code))
    return problemOf('service_busy', 'A concurrent change conflicted with this one and it was rolled back; retry shortly');
  return null;
}

/** Maps anything thrown to a problem; `null` for a genuine server fault. */
export function toProblem(error: unknown): Problem | null {
  if (error instanceof ReplayedProblem) return error.problem;
  const refusal = databaseRefusal(error) ?? busyProblem(error);
  if (refusal) return refusal;
  if (error instanceof DomainError) return problemOf(error.code, error.detail, error.errors);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest's Express adapter wraps body-parser's SyntaxError for malformed JSON in a 400.
    if (status === 400 && error.cause instanceof SyntaxError) {
      return problemOf('validation_failed', 'The request body is not valid JSON', [{ path: '', message: error.cause.message }]);
    }
    if (status >= 500 && status !== 503) return null;
    const down = downDependencies(error.getResponse());
    if (status === 503 && down.length > 0) return problemOf('dependency_unavailable', `Not ready: ${down.join(', ')} down`);
    const code = CODE_FOR_STATUS[status] ?? 'validation_failed';
    const detail = status === 404 ? 'No such resource' : error.message;
    return { ...problemOf(code, detail), status };
  }
  return null;
}

/** The dependencies a failed @nestjs/terminus health check reports down (`details.<name>.status`). */
function downDependencies(response: unknown): string[] {
  const details = (response as { details?: Record<string, { status?: string }> } | null)?.details ?? {};
  return Object.entries(details)
    .filter(([, check]) => check?.status === 'down')
    .map(([name]) => name);
}
