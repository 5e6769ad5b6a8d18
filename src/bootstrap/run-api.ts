import 'reflect-metadata';
import { bootLogger } from './boot-logger.js';
import { createApi } from './create-api.js';
import { surviveDatabaseSocketRace } from './process-faults.js';
import { readConfigOrExit } from './read-config.js';
import { exitWithinGrace } from './shutdown.js';

const logger = bootLogger('api');
surviveDatabaseSocketRace('api');
try {
  const config = readConfigOrExit(logger);
  const app = await createApi(config);
  exitWithinGrace(app, config.shutdownGraceMs, 'api');
  await app.listen(config.port);
  const url = `http://localhost:${config.port}`;
  logger.info({ url, docs: `${url}/docs`, node: process.version }, `Seaward api listening on ${url}`);
} catch (error) {
  logger.fatal({ err: error }, 'Seaward api failed to start');
  process.exit(1);
}
