import { context, propagation } from '@opentelemetry/api';

/** Where an outbox row keeps the trace context of the request that wrote it. */
const KEY = 'traceContext';

/** Adds the active trace context (W3C traceparent) to an outbox payload; unchanged when tracing is off. */
export function withTraceContext(payload: Record<string, unknown>): Record<string, unknown> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length ? { ...payload, [KEY]: carrier } : payload;
}

/**
 * Splits an outbox payload into the job's data and BullMQ telemetry options: the job is then
 * processed as a child of the request that wrote the row, across the outbox hop.
 */
export function jobTraceOptions(payload: Record<string, unknown>): { data: Record<string, unknown>; telemetry?: { metadata: string } } {
  const { [KEY]: carrier, ...data } = payload;
  return carrier ? { data, telemetry: { metadata: JSON.stringify(carrier) } } : { data };
}
