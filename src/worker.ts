// The worker process. Tracing starts before the application's modules load (see telemetry/tracing.ts).
import { startTracing } from './telemetry/tracing.js';

await startTracing('seaward-worker');
await import('./bootstrap/run-worker.js');
