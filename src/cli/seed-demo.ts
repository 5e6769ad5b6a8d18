import 'reflect-metadata';
import { seedDemo } from '../demo/seed.js';

/** Loads the demo marketplace (npm run seed:demo; ./scripts/start unless SEED_DEMO=false). Running it again changes nothing. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL: is required');
  process.exit(78);
}
try {
  const summary = await seedDemo(url, { log: (line) => console.log(`demo data: ${line}`) });
  console.log(`demo data: ready in ${summary.seconds.toFixed(1)} s (history ${summary.history})`);
  process.exit(0);
} catch (error) {
  console.error(`demo data: failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
