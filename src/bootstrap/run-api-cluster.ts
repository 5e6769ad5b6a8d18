import cluster, { type Worker } from 'node:cluster';
import { bootLogger } from './boot-logger.js';
import { readConfigOrExit } from './read-config.js';

const logger = bootLogger('api');
const config = readConfigOrExit(logger);
const listened = new Set<number>();
let stopping = false;
let exitCode = 0;

/**
 * API_PROCESSES > 1: this primary forks that many api processes sharing PORT (node:cluster hands
 * connections round-robin) and serves nothing itself. A process that dies after it listened is
 * replaced; one that dies before (bad config, unreachable database at boot) stops them all, as
 * does SIGTERM or SIGINT, each process closing within the shutdown grace.
 */
function fork(): Worker {
  const worker = cluster.fork();
  worker.once('listening', () => listened.add(worker.id));
  return worker;
}

function stop(code: number): void {
  exitCode = Math.max(exitCode, code);
  if (stopping) return;
  stopping = true;
  setTimeout(() => {
    logger.error({ graceMs: config.shutdownGraceMs }, 'api processes not closed within the grace; exiting anyway');
    process.exit(1);
  }, config.shutdownGraceMs + 5000).unref();
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  exitIfNoneLeft();
}

function exitIfNoneLeft(): void {
  if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
}

cluster.on('exit', (worker, code, signal) => {
  const ended = { pid: worker.process.pid, code, signal };
  if (stopping) {
    if (code !== 0) exitCode = 1;
    exitIfNoneLeft();
  } else if (!listened.has(worker.id)) {
    logger.fatal(ended, 'an api process exited before it listened; stopping the others');
    stop(code || 1);
  } else {
    logger.error(ended, 'an api process exited; starting another');
    fork();
  }
});
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

for (let i = 0; i < config.apiProcesses; i++) fork();
logger.info({ processes: config.apiProcesses, port: config.port }, `Seaward api: ${config.apiProcesses} processes on port ${config.port}`);
