// ./scripts/test: engines, typecheck, lint, then the whole Jest suite (unit + e2e), ending with
// the plain "N passed, N failed" line CI reads.
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureEngines } from './engines.mjs';
import { run } from './run.mjs';

const root = new URL('../..', import.meta.url).pathname;
console.log(`Seaward tests on Node ${process.version} (${process.execPath})`);
const engines = await ensureEngines({ root });
const env = { ...process.env, DATABASE_URL: engines.databaseUrl, REDIS_URL: engines.redisUrl, NODE_ENV: 'test' };

// The console's browser test needs Debian's Chromium: installed here when missing and allowed, else skipped.
await (await import('./engines/chromium.mjs')).ensureChromium({ log: (m) => console.log(m) });
// The receipts' CJK font and pdftotext (test/e2e/milestones-escrow.e2e-spec.ts), the same way.
await (await import('./engines/chromium.mjs')).ensureReceiptTools({ log: (m) => console.log(m) });

let passed = 0;
let failed = 0;
let skipped = 0;
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

  console.log('\n▶ jest (unit + e2e against real Postgres, Redis and BullMQ)');
  mkdirSync(`${root}/test-results`, { recursive: true });
  const report = `${root}/test-results/jest.json`;
  const jestCode = await run(
    'node',
    ['--experimental-vm-modules', '--no-warnings', 'node_modules/jest/bin/jest.js', '--json', `--outputFile=${report}`, ...process.argv.slice(2)],
    { env, cwd: root },
  );
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
    skipped += results.numPendingTests + results.numTodoTests;
    if (jestCode !== 0 && results.numFailedTests === 0 && !results.numRuntimeErrorTestSuites) failed++;
  } catch {
    console.error('jest wrote no report');
    failed++;
  }
} finally {
  await engines.stop();
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (Node ${process.version})`);
process.exit(failed === 0 ? 0 : 1);
