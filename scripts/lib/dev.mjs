// npm run dev: tsc in watch mode, and the api and the worker restarted by `node --watch` whenever
// the compiled output changes. Uses DATABASE_URL and REDIS_URL from the environment or .env
// (./scripts/start finds or starts the engines; this does not). Ctrl-C stops them all.
import { spawn, spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;
const tsc = ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'];
if (spawnSync('node', tsc, { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);

const node = (args) => spawn('node', args, { cwd: root, stdio: 'inherit' });
const children = [
  node([...tsc, '--watch', '--preserveWatchOutput']),
  // The web app, rebuilt into dist/web on every change (the api restarts and serves it).
  node(['node_modules/vite/bin/vite.js', 'build', '--watch', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn']),
  node(['--env-file-if-exists=.env', '--watch-path=dist', '--enable-source-maps', 'dist/src/main.js']),
  node(['--env-file-if-exists=.env', '--watch-path=dist', '--enable-source-maps', 'dist/src/worker.js']),
];
const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
