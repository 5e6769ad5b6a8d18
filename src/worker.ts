import 'reflect-metadata';
import { createWorker } from './bootstrap/create-worker.js';
import { readConfigOrExit } from './bootstrap/read-config.js';

const config = readConfigOrExit();
await createWorker(config);
console.log('Seaward worker started');
