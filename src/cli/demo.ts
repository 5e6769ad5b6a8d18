import { UnexpectedResponse } from '../demo/api-client.js';
import { runDemo } from '../demo/run-demo.js';

/** npm run demo: the guided scenario against BASE_URL (default http://localhost:3000), through the public API only. */
const baseUrl = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
try {
  await runDemo({ baseUrl, log: (line) => console.log(line) });
} catch (error) {
  const detail = error instanceof UnexpectedResponse ? `${error.message}\n${JSON.stringify(error.body, null, 2)}` : (error as Error).message;
  console.error(`\n演示中止 · Demo stopped: ${detail}`);
  process.exit(1);
}
