import 'reflect-metadata';
import { createWorker } from './bootstrap/create-worker.js';
import { readConfigOrExit } from './bootstrap/read-config.js';
import { exitWithinGrace } from './bootstrap/shutdown.js';

const config = readConfigOrExit();
const worker = await createWorker(config);
exitWithinGrace(worker, config.shutdownGraceMs, 'worker');
console.log('Seaward worker started');
