import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type postgres from 'postgres';

const tracer = trace.getTracer('seaward-postgres');

type Thenable = { then: (ok?: (v: unknown) => unknown, fail?: (e: unknown) => unknown) => unknown };

function operationOf(query: string): string {
  return /^\s*(\w+)/.exec(query)?.[1]?.toUpperCase() ?? 'QUERY';
}

function endWith(span: Span, error?: unknown): void {
  if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  span.end();
}

/**
 * A client span per query issued through `unsafe` (every drizzle query) and one per transaction,
 * on the pool and inside transactions. postgres.js has no OpenTelemetry instrumentation; its
 * queries are lazy, so the span ends when the caller awaits the result, not when it is built.
 */
export function traceSql<T extends postgres.Sql>(sql: T, database: string): T {
  const attributes = { 'db.system.name': 'postgresql', 'db.namespace': database };
  const unsafe = sql.unsafe.bind(sql);
  sql.unsafe = ((query: string, ...rest: unknown[]) => {
    const pending = (unsafe as (...args: unknown[]) => Thenable)(query, ...rest);
    const span = tracer.startSpan(`${operationOf(query)} ${database}`, {
      kind: SpanKind.CLIENT,
      attributes: { ...attributes, 'db.operation.name': operationOf(query), 'db.query.text': query.slice(0, 2000) },
    });
    const then = pending.then.bind(pending);
    pending.then = (ok, fail) =>
      then(
        (value) => (endWith(span), ok ? ok(value) : value),
        (error) => {
          endWith(span, error);
          if (fail) return fail(error);
          throw error;
        },
      );
    return pending;
  }) as T['unsafe'];

  if (typeof sql.begin === 'function') {
    const begin = sql.begin.bind(sql) as (...args: unknown[]) => Promise<unknown>;
    (sql as { begin: unknown }).begin = (...args: unknown[]) => {
      const body = args.pop() as (tx: postgres.TransactionSql) => unknown;
      return tracer.startActiveSpan(`transaction ${database}`, { kind: SpanKind.CLIENT, attributes }, (span) =>
        begin(...args, (tx: postgres.TransactionSql) => body(traceSql(tx as unknown as T, database) as unknown as postgres.TransactionSql)).then(
          (value) => (endWith(span), value),
          (error: unknown) => {
            endWith(span, error);
            throw error;
          },
        ),
      );
    };
  }
  return sql;
}
