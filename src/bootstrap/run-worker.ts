import 'reflect-metadata';
import { bootLogger } from './boot-logger.js';
import { createWorker } from './create-worker.js';
import { surviveDatabaseSocketRace } from './process-faults.js';
import { readConfigOrExit } from './read-config.js';
import { exitWithinGrace } from './shutdown.js';

const logger = bootLogger('worker');
surviveDatabaseSocketRace('worker');
try {
  const config = readConfigOrExit(logger);
  const worker = await createWorker(config);
  exitWithinGrace(worker, config.shutdownGraceMs, 'worker');
  logger.info({ node: process.version }, 'Seaward worker started');
} catch (error) {
  logger.fatal({ err: error }, 'Seaward worker failed to start');
  process.exit(1);
}
