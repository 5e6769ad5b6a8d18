// Debian's Chromium for the browser tests (test/e2e/web-*.e2e-spec.ts, console-*.e2e-spec.ts), installed with apt-get
// when missing and running as root, like redis-server. A test tool's own browser download
// (`npx playwright install`) cannot work on a closed network; Debian's package can.

import fs from 'node:fs';
import { run } from './process.mjs';
import { errMessage, nonEmpty } from './util.mjs';

/** As test/support/browser.ts: CHROMIUM_PATH names another executable. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** A small CJK font (1.6 MB): without one the console's Chinese labels are boxes in screenshots. */
const CJK_FONT = { pkg: 'fonts-wqy-microhei', file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc' };

const HINT =
  'The console browser test will be skipped. Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
  'to run it; set SEAWARD_INSTALL_BROWSER=false to stop ./scripts/test from installing it.';

/**
 * @param {{ log: (msg: string) => void }} options
 * @returns {Promise<string | null>} path of the Chromium executable, or null when there is none
 */
export async function ensureChromium({ log }) {
  const wanted = [CHROMIUM_PATH, CJK_FONT.file].filter((file) => !fs.existsSync(file));
  if (wanted.length === 0) return CHROMIUM_PATH;
  await install(wanted.includes(CHROMIUM_PATH) ? ['chromium', CJK_FONT.pkg] : [CJK_FONT.pkg], log);
  if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  log(`chromium: ${CHROMIUM_PATH} is missing. ${HINT}`);
  return null;
}

/**
 * The CJK font PDF receipts embed and pdftotext, which reads them back in the tests.
 * @param {{ log: (msg: string) => void }} options
 * @returns {Promise<void>}
 */
export async function ensureReceiptTools({ log }) {
  const wanted = [
    [CJK_FONT.file, CJK_FONT.pkg],
    ['/usr/bin/pdftotext', 'poppler-utils'],
  ].filter(([file]) => !fs.existsSync(file));
  if (wanted.length > 0)
    await install(
      wanted.map(([, pkg]) => pkg),
      log,
    );
}

/**
 * @param {string[]} packages
 * @param {(msg: string) => void} log
 * @returns {Promise<void>} never throws: a failure is logged
 */
async function install(packages, log) {
  const what = packages.join(' ');
  if (nonEmpty(process.env.SEAWARD_INSTALL_BROWSER)?.toLowerCase() === 'false') {
    log(`chromium: not installing ${what}: SEAWARD_INSTALL_BROWSER=false`);
    return;
  }
  const aptGet = ['/usr/bin/apt-get', '/bin/apt-get'].find((file) => fs.existsSync(file));
  if (process.getuid?.() !== 0 || !aptGet) {
    log(`chromium: ${what} missing; installing needs root and apt-get`);
    return;
  }
  const env = {
    ...process.env,
    DEBIAN_FRONTEND: 'noninteractive',
    PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
  };
  try {
    // `apt-get update` only when the package lists do not know the packages yet.
    let needUpdate = true;
    try {
      const policy = await run('apt-cache', ['policy', ...packages], { env });
      needUpdate = (policy.match(/Candidate:\s*(?!\(none\))\S+/g) ?? []).length < packages.length;
    } catch {
      /* apt-cache missing or failing: update */
    }
    if (needUpdate) {
      log(`chromium: ${what} missing; running apt-get update -qq`);
      await run(aptGet, ['update', '-qq'], { env });
    }
    log(`chromium: installing ${what}: apt-get install -y --no-install-recommends ${what}`);
    const t0 = Date.now();
    await run(aptGet, ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
    log(`chromium: installed ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (err) {
    log(`chromium: could not install ${what} with apt-get: ${errMessage(err)}`);
  }
}
