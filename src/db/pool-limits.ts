import type postgres from 'postgres';

/**
 * How long a caller may wait for the database before it is told to come back later. The server
 * enforces lock and statement timeouts on every pooled connection; postgres.js has no acquire
 * timeout, so queued queries and transactions that wait longer for a connection are given up
 * here. Contention then answers 503 `service_busy` instead of hanging everyone (the abuse issue).
 */
export interface PoolLimits {
  acquireTimeoutMs: number;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

/** Thrown when no pooled connection became free within the acquire timeout. */
export class PoolAcquireTimeout extends Error {
  readonly code = 'pool_acquire_timeout';
  constructor(readonly waitedMs: number) {
    super(`no database connection became free within ${waitedMs} ms`);
    this.name = 'PoolAcquireTimeout';
  }
}

/** Server-side settings sent when each connection starts (0 turns a limit off). */
export function serverTimeouts(limits: PoolLimits): Record<string, string> {
  return {
    lock_timeout: String(limits.lockTimeoutMs),
    statement_timeout: String(limits.statementTimeoutMs),
    // A transaction left open by a stuck caller must not hold its locks for ever.
    idle_in_transaction_session_timeout: String(Math.max(limits.statementTimeoutMs, limits.lockTimeoutMs) * 2),
  };
}

interface QueuedQuery {
  state?: unknown;
  cancelled?: unknown;
  cancel(): unknown;
}

/**
 * The pool's `unsafe` (what drizzle calls for every statement outside a transaction) with a
 * queue timer: a statement still unsent when it fires is taken off the queue, so it never runs
 * and its caller gets postgres.js' 57014 "canceling statement". Sent statements are left to the
 * server's statement_timeout.
 */
export function withQueueTimeout(sql: postgres.Sql, timeoutMs: number): postgres.Sql {
  if (timeoutMs <= 0) return sql;
  const unsafe = sql.unsafe.bind(sql);
  const timed = ((query: string, parameters?: unknown[], options?: unknown) => {
    const pending = (unsafe as (q: string, p?: unknown[], o?: unknown) => QueuedQuery)(query, parameters, options);
    setTimeout(() => {
      if (!pending.state && !pending.cancelled) void pending.cancel();
    }, timeoutMs).unref();
    return pending;
  }) as postgres.Sql['unsafe'];
  return new Proxy(sql, { get: (target, key, receiver) => (key === 'unsafe' ? timed : Reflect.get(target, key, receiver)) });
}

const ABANDONED = Symbol('abandoned transaction');

/**
 * `begin` with an acquire timeout: if the transaction has not started when the timer fires, the
 * caller gets PoolAcquireTimeout at once and the transaction, when a connection frees up, rolls
 * back before running anything.
 */
export function beginWithin<T, C>(begin: (run: (tx: C) => Promise<T>) => Promise<T>, timeoutMs: number, run: (tx: C) => Promise<T>): Promise<T> {
  if (timeoutMs <= 0) return begin(run);
  return new Promise<T>((resolve, reject) => {
    let phase: 'waiting' | 'started' | 'abandoned' = 'waiting';
    const timer = setTimeout(() => {
      if (phase !== 'waiting') return;
      phase = 'abandoned';
      reject(new PoolAcquireTimeout(timeoutMs));
    }, timeoutMs);
    begin(async (tx) => {
      if (phase === 'abandoned') throw ABANDONED;
      phase = 'started';
      clearTimeout(timer);
      return run(tx);
    }).then(resolve, (error: unknown) => {
      clearTimeout(timer);
      if (error !== ABANDONED) reject(error);
    });
  });
}
