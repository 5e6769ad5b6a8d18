import 'reflect-metadata';
import { createApi } from './bootstrap/create-api.js';
import { readConfigOrExit } from './bootstrap/read-config.js';

const config = readConfigOrExit();
const app = await createApi(config);
await app.listen(config.port);
const url = `http://localhost:${config.port}`;
console.log(`Seaward api listening on ${url} (docs ${url}/docs)`);
