import { migrateDatabase } from '../db/migrate.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL: is required (e.g. postgres://postgres@127.0.0.1:5432/seaward)');
  process.exit(78);
}
await migrateDatabase(url);
console.log('migrations applied');
