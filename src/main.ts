// The api process. Tracing starts before the application's modules load (see telemetry/tracing.ts).
import { startTracing } from './telemetry/tracing.js';

await startTracing('seaward-api');
await import('./bootstrap/run-api.js');
