import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = 'dist/.built-by-tests';
const LOCK = 'dist/.build-lock';
const SOURCES = ['src', 'libs'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/**
 * Tests that run the built api or worker as processes of their own (dist/) build it first when
 * any source is newer than the last build, so `npm run test:jest` never runs stale code. Jest runs
 * test files in parallel processes: a lock directory lets one build while the others wait.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  mkdirSync('dist', { recursive: true });
  withLock(() => {
    if (isFresh()) return;
    const started = Date.now();
    const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${result.status}); the tests cannot run dist/`);
    // Stamped with the start time: a file saved while tsc ran counts as newer than this build.
    writeFileSync(STAMP, `built ${new Date(started).toISOString()}\n`);
    utimesSync(STAMP, new Date(started), new Date(started));
  });
}

function isFresh(): boolean {
  if (!existsSync(STAMP) || !existsSync('dist/src/worker.js') || !existsSync('dist/src/main.js')) return false;
  const built = statSync(STAMP).mtimeMs;
  return newestSource() < built;
}

function newestSource(): number {
  let newest = Math.max(...CONFIGS.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|json|sql)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCES) walk(dir);
  return newest;
}

const WEB_STAMP = 'dist/web/.built-by-tests';

/**
 * The web app (src/web/ → dist/web/), for the browser tests: built with Vite when any of its
 * sources is newer than the last build (vue-tsc runs in `npm run build:web`, not here).
 */
export function ensureWebBuilt(): void {
  const fresh = () => existsSync(WEB_STAMP) && existsSync('dist/web/index.html') && newestIn(['src/web'], /\.(ts|vue|json|css)$/) < statSync(WEB_STAMP).mtimeMs;
  if (fresh()) return;
  mkdirSync('dist', { recursive: true });
  withLock(() => {
    if (fresh()) return;
    const started = Date.now();
    const result = spawnSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status}); the browser tests cannot run`);
    writeFileSync(WEB_STAMP, `built ${new Date(started).toISOString()}\n`);
    utimesSync(WEB_STAMP, new Date(started), new Date(started));
  });
}

function newestIn(dirs: string[], pattern: RegExp): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (pattern.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) walk(dir);
  return newest;
}

function withLock(build: () => void): void {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run is older than any build takes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 5 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${LOCK} held for over 10 minutes`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
