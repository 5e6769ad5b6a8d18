import 'reflect-metadata';
import { createApi } from './bootstrap/create-api.js';
import { readConfigOrExit } from './bootstrap/read-config.js';
import { surviveDatabaseSocketRace } from './bootstrap/process-faults.js';
import { exitWithinGrace } from './bootstrap/shutdown.js';

surviveDatabaseSocketRace('api');
const config = readConfigOrExit();
const app = await createApi(config);
exitWithinGrace(app, config.shutdownGraceMs, 'api');
await app.listen(config.port);
const url = `http://localhost:${config.port}`;
console.log(`Seaward api listening on ${url} (docs ${url}/docs)`);
