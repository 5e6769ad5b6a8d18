// The start lock (<root>/.seaward/engines.lock) serialises starting the engines across processes;
// user leases (<root>/.seaward/users/<pid>.<random>) tell the process that started them who else
// is still using them.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { deleteOnExit, forgetOnExit, pidAlive } from './process.mjs';
import { POLL_MS, sleep } from './util.mjs';

/** How long to wait for another process that holds the start lock (initdb, apt-get...). */
const LOCK_TIMEOUT_MS = 300_000;

/**
 * Exclusive start lock: a file created with O_EXCL holding our pid. A lock whose pid is no longer
 * running is stale and taken over.
 * @param {string} file
 * @param {(msg: string) => void} log
 * @returns {Promise<{ release: () => void }>}
 */
export async function acquireLock(file, log) {
  const token = `${process.pid} ${crypto.randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(file, token + '\n', { flag: 'wx' });
      deleteOnExit(file);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          forgetOnExit(file);
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
      throw new Error(`timed out after ${LOCK_TIMEOUT_MS / 1000} s waiting for pid ${holder} to release ${file}`);
    }
    await sleep(POLL_MS);
  }
}

/**
 * Records that this process uses the engines in <seaward>/users/, so that a process which started
 * them waits for us before stopping them.
 * @param {string} seaward
 */
export async function writeLease(seaward) {
  const dir = path.join(seaward, 'users');
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
  await fsp.writeFile(file, '');
  deleteOnExit(file);
  return file;
}

/** @param {string | null} file */
export function removeLease(file) {
  if (!file) return;
  forgetOnExit(file);
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
export function otherUsers(seaward) {
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
