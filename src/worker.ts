import 'reflect-metadata';
import { createWorker } from './bootstrap/create-worker.js';
import { readConfigOrExit } from './bootstrap/read-config.js';
import { surviveDatabaseSocketRace } from './bootstrap/process-faults.js';
import { exitWithinGrace } from './bootstrap/shutdown.js';

surviveDatabaseSocketRace('worker');
const config = readConfigOrExit();
const worker = await createWorker(config);
exitWithinGrace(worker, config.shutdownGraceMs, 'worker');
console.log('Seaward worker started');
