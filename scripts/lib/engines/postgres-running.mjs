// Finding an embedded PostgreSQL that is already running for our data directory — left by an
// earlier run or started by another process — and clearing a stale postmaster.pid.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pgConnect } from './database.mjs';
import { pidAlive, portOpen } from './process.mjs';
import { POLL_MS, READY_TIMEOUT_MS, errMessage, sleep } from './util.mjs';

export const PG_USER = 'postgres';
export const PG_PASSWORD = 'postgres';

/**
 * URL of the embedded server's `postgres` database, usable for CREATE/DROP DATABASE.
 * @param {number} port
 */
export function embeddedAdminUrl(port) {
  return `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
}

/**
 * Reuses the embedded server of `dataDir` if it is running, on its postmaster.pid port or on
 * `port`; removes a postmaster.pid whose process is gone or is not its postmaster.
 * @param {{ dataDir: string, port: number, rel: string, log: (msg: string) => void }} where
 *   rel = dataDir as shown in messages
 * @returns {Promise<string | null>} the admin URL of the running server, or null to start one
 */
export async function findRunningPostgres({ dataDir, port, rel, log }) {
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
        return embeddedAdminUrl(runningPort);
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
      return embeddedAdminUrl(port);
    }
    if (await portOpen(port)) {
      throw new Error(`port ${port} is in use by something that is not our PostgreSQL. Set SEAWARD_PG_PORT to a free port, or DATABASE_URL.`);
    }
  }
  return null;
}

/**
 * Connects to an embedded-style server on 127.0.0.1:port and reports its data directory.
 * @param {number} port
 * @returns {Promise<{ ok: true, dataDir: string, version: string } | { ok: false, error: any }>}
 */
export async function probeEmbedded(port) {
  const sql = pgConnect(embeddedAdminUrl(port), 2);
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
