// Redis: check REDIS_URL, or reuse / start a private redis-server on 127.0.0.1 (no persistence,
// log in <root>/.seaward/redis.log).

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { findOrInstallRedis } from './redis-install.mjs';
import { portOpen, track } from './process.mjs';
import { POLL_MS, READY_TIMEOUT_MS, STOP_TIMEOUT_MS, errMessage, portFromEnv, redact, sleep } from './util.mjs';

const DEFAULT_REDIS_PORT = 63790;

/**
 * PING via ioredis; resolves true/false (or throws the connection error if `rethrow`).
 * @param {string} url
 * @param {number} timeoutMs
 * @param {boolean} [rethrow]
 */
async function redisPing(url, timeoutMs, rethrow = false) {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    // disconnect() after a refused connection otherwise keeps a 2 s timer alive, delaying exit.
    disconnectTimeout: 100,
  });
  /** @type {unknown} */
  let socketError = null;
  client.on('error', (err) => (socketError ??= err)); // reported through the promise below
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== 'PONG') throw new Error(`unexpected PING reply ${JSON.stringify(pong)}`);
    return true;
  } catch (err) {
    // With retries off, connect() only says "Connection is closed."; the cause came as 'error'.
    if (rethrow) throw socketError ?? err;
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * @param {string} url
 * @param {(msg: string) => void} log
 */
export async function useRedisUrl(url, log) {
  try {
    await redisPing(url, 3000, true);
  } catch (err) {
    throw new Error(`REDIS_URL (${redact(url)}) does not answer PING: ${errMessage(err)}. ` + 'Fix REDIS_URL or unset it to start a private redis-server.', {
      cause: err,
    });
  }
  log(`redis: using REDIS_URL ${redact(url)}`);
  return url;
}

/**
 * @param {import('./index.mjs').Ctx} ctx
 * @returns {Promise<string>} redis URL
 */
export async function ensurePrivateRedis(ctx) {
  const { log, root } = ctx;
  const port = portFromEnv('SEAWARD_REDIS_PORT', DEFAULT_REDIS_PORT);
  const url = `redis://127.0.0.1:${port}`;
  if (await redisPing(url, 1000)) {
    log(`redis: reusing redis-server on 127.0.0.1:${port}`);
    return url;
  }
  if (await portOpen(port)) {
    throw new Error(`port ${port} is in use by something that does not answer Redis PING. ` + 'Set SEAWARD_REDIS_PORT to a free port, or REDIS_URL.');
  }

  const bin = await findOrInstallRedis(log);
  const dir = path.join(ctx.seaward, 'redis');
  await fsp.mkdir(dir, { recursive: true });
  const logFile = path.join(ctx.seaward, 'redis.log');
  const fd = fs.openSync(logFile, 'a');
  const size = fs.fstatSync(fd).size;
  /** @type {import('node:child_process').ChildProcess} */
  let child;
  /** @type {Error | null} */
  let spawnError = null;
  try {
    child = spawn(bin, ['--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--daemonize', 'no'], {
      stdio: ['ignore', fd, fd],
    });
  } finally {
    fs.closeSync(fd);
  }
  child.on('error', (err) => (spawnError = err));
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
    else child.once('exit', () => resolve(undefined));
  });
  const alive = () => child.exitCode === null && child.signalCode === null && !spawnError;

  track(ctx, {
    name: 'redis',
    stop: async () => {
      if (!alive()) return;
      child.kill('SIGTERM');
      let timer;
      const r = await Promise.race([
        exited.then(() => 'ok'),
        new Promise((resolve) => {
          timer = setTimeout(resolve, STOP_TIMEOUT_MS, 'timeout');
        }),
      ]);
      clearTimeout(timer);
      if (r === 'timeout' && alive()) {
        child.kill('SIGKILL');
        await exited;
      }
      log('redis: stopped redis-server');
    },
    killSync: () => {
      if (alive()) child.kill('SIGTERM');
    },
  });

  /** What redis-server wrote to its log during this start. */
  const newLog = () => {
    try {
      const all = fs.readFileSync(logFile);
      return all.subarray(size).toString('utf8').trim().split('\n').slice(-12).join('\n');
    } catch {
      return '';
    }
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (spawnError) throw new Error(`redis: cannot run ${bin}: ${errMessage(spawnError)}`);
    if (!alive()) {
      throw new Error(
        `redis: redis-server exited (${child.signalCode ?? `code ${child.exitCode}`}) before answering on ` +
          `127.0.0.1:${port}:\n${newLog()}\n(full log: ${path.relative(root, logFile)})`,
      );
    }
    if (await redisPing(url, 500)) break;
    if (Date.now() > deadline) {
      throw new Error(`redis: redis-server did not answer PING on 127.0.0.1:${port} within ${READY_TIMEOUT_MS / 1000} s:\n${newLog()}`);
    }
    await sleep(POLL_MS);
  }
  log(`redis: started redis-server on 127.0.0.1:${port} (pid ${child.pid})`);
  return url;
}
