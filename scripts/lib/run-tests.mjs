// ./scripts/test: engines, typecheck, lint, then the whole Jest suite (unit + e2e), ending with
// the plain "N passed, N failed" line CI reads.
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureEngines } from './engines.mjs';
import { run } from './run.mjs';

const root = new URL('../..', import.meta.url).pathname;
console.log(`Seaward tests on Node ${process.version} (${process.execPath})`);
const engines = await ensureEngines({ root });
const env = { ...process.env, DATABASE_URL: engines.databaseUrl, REDIS_URL: engines.redisUrl, NODE_ENV: 'test' };

// The browser tests need Debian's Chromium: installed here when missing and allowed, else skipped,
// except in CI (CI=true), where a suite that would skip fails the run instead.
const ci = isTrue(process.env.CI);
const { CHROMIUM_PATH, ensureChromium } = await import('./engines/chromium.mjs');
const chromium = await ensureChromium({ log: (m) => console.log(m) });
if (!chromium && ci) {
  console.error(
    `\n✘ CI=true and Chromium is missing (${CHROMIUM_PATH}, not installable here): the browser tests would be skipped, ` +
      'so the run fails. Install it (`apt-get install chromium`), or let ./scripts/test install it as root (SEAWARD_INSTALL_BROWSER not false).',
  );
  await engines.stop();
  console.log(`\n0 passed, 1 failed (Chromium missing in CI) (Node ${process.version})`);
  process.exit(1);
}
/** Suites that skip themselves when a server cannot run here, and why; a skip anywhere else fails a CI run. */
const conditional = { 'search-typesense.e2e-spec.ts': 'no Typesense server (TYPESENSE_URL unset)' };
if (!chromium) {
  conditional['console'] = `Chromium missing (${CHROMIUM_PATH})`;
  conditional['web-'] = `Chromium missing (${CHROMIUM_PATH})`;
}
// The receipts' CJK font and pdftotext (test/e2e/milestones-escrow.e2e-spec.ts), installed the same way.
await (await import('./engines/chromium.mjs')).ensureReceiptTools({ log: (m) => console.log(m) });

let passed = 0;
let failed = 0;
let skipped = 0;
/** reason → skipped tests */
const skips = new Map();
const check = async (name, command, args) => {
  console.log(`\n▶ ${name}`);
  const ok = (await run(command, args, { env, cwd: root })) === 0;
  console.log(ok ? `✔ ${name}` : `✘ ${name} failed`);
  if (ok) passed++;
  else failed++;
};

try {
  await check('typecheck (tsc --noEmit)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  await check('lint (eslint)', 'npx', ['eslint', '.']);
  await check('format (prettier --check)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
  await check('docs (OpenAPI document and reference, redocly lint, links)', 'npm', ['run', '--silent', 'lint:docs']);
  // The crash test runs the built worker as a process of its own, to kill it.
  await check('build (tsc -p tsconfig.build.json)', 'npx', ['tsc', '-p', 'tsconfig.build.json']);
  // The web app: generated client current, vue-tsc, Vite build into dist/web, first-load budget.
  await check('web app (npm run build:web)', 'npm', ['run', '--silent', 'build:web']);

  console.log('\n▶ jest (unit + e2e against real Postgres, Redis and BullMQ)');
  mkdirSync(`${root}/test-results`, { recursive: true });
  const report = `${root}/test-results/jest.json`;
  const jestCode = await run(
    'node',
    // vm-modules keep each file's module graph: at 63 e2e files in band the default 4 GB heap ran out (2026-12-06),
    // so each of Jest's workers (two on two cores, jest.config.js) may take 8 GB of this machine's 24.
    [
      '--experimental-vm-modules',
      '--no-warnings',
      '--max-old-space-size=8192',
      'node_modules/jest/bin/jest.js',
      '--json',
      `--outputFile=${report}`,
      ...process.argv.slice(2),
    ],
    { env, cwd: root },
  );
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
    skipped += results.numPendingTests + results.numTodoTests;
    for (const file of results.testResults ?? []) {
      const name = file.name.split('/').pop();
      const pending = (file.assertionResults ?? []).filter((t) => t.status === 'pending' || t.status === 'todo').length;
      if (pending === 0) continue;
      const key = Object.keys(conditional).find((k) => name === k || name.startsWith(k));
      const reason = key ? conditional[key] : `${name}: it.skip/it.todo or a skipped describe`;
      skips.set(reason, (skips.get(reason) ?? 0) + pending);
      if (!key && ci) {
        console.error(`✘ ${name} skipped ${pending} test(s) without a reason this run knows: fails in CI`);
        failed++;
      }
    }
    if (jestCode !== 0 && results.numFailedTests === 0 && !results.numRuntimeErrorTestSuites) failed++;
  } catch {
    console.error('jest wrote no report');
    failed++;
  }
} finally {
  await engines.stop();
}

const why = [...skips].map(([reason, n]) => `${n}: ${reason}`).join('; ');
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped (${why || 'reason unknown'})` : ''} (Node ${process.version})`);
process.exit(failed === 0 ? 0 : 1);

function isTrue(value) {
  return ['true', '1', 'yes'].includes(String(value ?? '').toLowerCase());
}
