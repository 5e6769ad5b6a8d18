export { ensureEngines, createDatabase, dropDatabase } from './engines/index.mjs';
