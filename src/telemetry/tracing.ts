import { register } from 'node:module';

let shutdown: (() => Promise<void>) | undefined;

/** True once startTracing() has started the SDK (OTEL_EXPORTER_OTLP_ENDPOINT set). */
export function tracingEnabled(): boolean {
  return shutdown !== undefined;
}

/**
 * OpenTelemetry traces exported by OTLP, only when OTEL_EXPORTER_OTLP_ENDPOINT is set; every
 * other OTEL_* variable (protocol, headers, sampler, batch delay) is read by the SDK itself.
 * Must run before the application's modules are imported (main.ts and worker.ts import the rest
 * dynamically afterwards): the ESM hook and the http/ioredis patches apply to modules loaded later.
 * Metrics stay on /metrics (Prometheus) and logs on stdout, so the SDK exports traces only.
 */
export async function startTracing(serviceName: string): Promise<void> {
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  // Only ioredis needs the ESM hook (it is CommonJS imported from ESM); hooking every module
  // would slow the start for nothing. http is patched on its prototype, postgres.js by traceSql.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: ['ioredis'] } });
  process.env.OTEL_SERVICE_NAME ??= serviceName;
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  const [{ NodeSDK }, { HttpInstrumentation }, { IORedisInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-ioredis'),
  ]);
  const sdk = new NodeSDK({
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === '/metrics' || (req.url?.startsWith('/health') ?? false) }),
      new IORedisInstrumentation(),
    ],
  });
  sdk.start();
  shutdown = () => sdk.shutdown();
}

/** Flushes spans still buffered; called when the application shuts down. */
export async function stopTracing(): Promise<void> {
  await shutdown?.().catch(() => undefined);
}
