// Processes and ports (is a pid alive, is a port open, run a command) and the process-wide
// safety net: on exit or a signal, servers this process started are stopped and its lock and
// lease files removed, so that no other process waits for us.

import fs from 'node:fs';
import net from 'node:net';
import { spawn } from 'node:child_process';

/**
 * A server this process started.
 * @typedef {object} Started
 * @property {string} name
 * @property {() => Promise<void>} stop   must not throw, must be idempotent
 * @property {() => void} killSync       best-effort synchronous signal, for process 'exit'
 */

/** @param {number} pid */
export function pidAlive(pid) {
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
export function portOpen(port) {
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
export function run(cmd, args, opts = {}) {
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

// ----- process-wide safety net ----------------------------------------------------------------

/** Engines started by this process and not yet stopped. */
const liveStarted = new Set();
/** Lock and lease files this process holds, removed synchronously on exit. */
const heldFiles = new Set();
let exitHandlerInstalled = false;
let signalHandlersInstalled = false;
const SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * Removes `file` when this process exits, unless forgetOnExit(file) was called first.
 * @param {string} file
 */
export function deleteOnExit(file) {
  heldFiles.add(file);
  installExitHandler();
}

/** @param {string} file */
export function forgetOnExit(file) {
  heldFiles.delete(file);
}

function installExitHandler() {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  // Runs on process.exit() and normal exit: signal children (they shut down on their own) and
  // drop our lock/lease files so no other process waits for us.
  process.on('exit', cleanupSync);
}

function cleanupSync() {
  for (const s of liveStarted) s.killSync();
  for (const f of heldFiles) {
    try {
      fs.unlinkSync(f);
    } catch {
      /* ignore */
    }
  }
  heldFiles.clear();
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
 * Records a server started by the ensureEngines() call `ctx`, and puts it under the safety net.
 * @param {{ started: Started[] }} ctx
 * @param {Started} s
 */
export function track(ctx, s) {
  ctx.started.push(s);
  liveStarted.add(s);
  installExitHandler();
  installSignalHandlers();
}

/**
 * Stops what `ctx` started, last started first.
 * @param {{ started: Started[] }} ctx
 */
export async function stopStarted(ctx) {
  for (const s of [...ctx.started].reverse()) {
    await s.stop();
    liveStarted.delete(s);
  }
  ctx.started = [];
  if (liveStarted.size === 0) removeSignalHandlers();
}
