import { Registry, collectDefaultMetrics } from 'prom-client';

/** Metric names share this prefix; prom-client's process and Node metrics keep their own names. */
export const PREFIX = 'seaward_';

/**
 * One registry per application instance (the tests run several in one process), with
 * prom-client's default process metrics: CPU, memory, handles, GC, and event-loop lag
 * (`nodejs_eventloop_lag_seconds` and its percentiles).
 */
export function createRegistry(process: 'api' | 'worker'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ process });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  return registry;
}
