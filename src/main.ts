// The api process. Tracing starts before the application's modules load (see telemetry/tracing.ts).
// With API_PROCESSES > 1 this is a cluster's primary, which forks the api processes (run-api-cluster.ts).
import cluster from 'node:cluster';
import { startTracing } from './telemetry/tracing.js';

if (cluster.isPrimary && Number(process.env.API_PROCESSES ?? 1) > 1) {
  await import('./bootstrap/run-api-cluster.js');
} else {
  await startTracing('seaward-api');
  await import('./bootstrap/run-api.js');
}
