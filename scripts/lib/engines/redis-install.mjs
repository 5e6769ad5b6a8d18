// Finding redis-server on PATH, or installing it with apt-get when running as root.

import fs from 'node:fs';
import path from 'node:path';
import { run } from './process.mjs';
import { errMessage } from './util.mjs';

const REDIS_INSTALL_HINT =
  'Install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) ' +
  'or set REDIS_URL to a running Redis (e.g. REDIS_URL=redis://127.0.0.1:6379).';

/**
 * @param {(msg: string) => void} log
 * @returns {Promise<string>} path of redis-server
 */
export async function findOrInstallRedis(log) {
  return onPath('redis-server') ?? (await installRedis(log));
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
