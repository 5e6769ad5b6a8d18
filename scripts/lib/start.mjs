// ./scripts/start: engines, build, migrate, demo data, then api and worker until Ctrl-C.
import { spawn } from 'node:child_process';
import { startDevServices } from './dev-services.mjs';
import { ensureEngines } from './engines.mjs';
import { runOrExit } from './run.mjs';

const root = new URL('../..', import.meta.url).pathname;
const engines = await ensureEngines({ root });
const port = Number(process.env.PORT ?? 3000);
// Sign-in and email for a local trial: the development OpenID Provider and a mail catcher, unless
// OIDC_ISSUER / SMTP_URL point elsewhere (docs/operations.md, "Sign-in and email").
const devServices = await startDevServices({ publicBaseUrl: process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}` });
// A local trial: dev tokens on unless the caller says otherwise (they are off by default).
const env = { AUTH_DEV_TOKENS: 'true', ...devServices.env, ...process.env, DATABASE_URL: engines.databaseUrl, REDIS_URL: engines.redisUrl };

const children = [];
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  await devServices.stop();
  await engines.stop();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  await runOrExit('npm', ['run', 'build', '--silent'], { env, cwd: root });
  await runOrExit('node', ['dist/src/cli/migrate.js'], { env, cwd: root });
  if (process.env.SEED_DEMO !== 'false') await runOrExit('node', ['dist/src/cli/seed-demo.js'], { env, cwd: root });
} catch (error) {
  console.error(error.message);
  await stop(1);
}

for (const [name, entry] of [
  ['api', 'dist/src/main.js'],
  ['worker', 'dist/src/worker.js'],
]) {
  const child = spawn('node', ['--env-file-if-exists=.env', '--enable-source-maps', entry], { env, cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${name} exited (${code}); stopping everything`);
      void stop(code || 1);
    }
  });
  children.push(child);
}

const url = `http://localhost:${port}`;
for (let i = 0; i < 100 && !stopping; i++) {
  const ready = await fetch(`${url}/health/ready`).then(
    (r) => r.ok,
    () => false,
  );
  if (ready) {
    console.log(
      `\nSeaward is running: ${url}  (API docs ${url}/docs, health ${url}/health/ready)\n${devServices.describe(url)}Ctrl-C stops everything this command started.\n`,
    );
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
