import 'reflect-metadata';
import { bootLogger } from './boot-logger.js';
import { createWorker } from './create-worker.js';
import { readConfigOrExit } from './read-config.js';

const logger = bootLogger('worker');
try {
  const config = readConfigOrExit(logger);
  await createWorker(config);
  logger.info({ node: process.version }, 'Seaward worker started');
} catch (error) {
  logger.fatal({ err: error }, 'Seaward worker failed to start');
  process.exit(1);
}
