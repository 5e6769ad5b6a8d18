// npm run bench: figures over real HTTP against a started api process, each beside a bare
// baseline (the same SQL without the application) measured by the same client loop in the same run.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import os from 'node:os';
import postgres from 'postgres';
import { createDatabase, dropDatabase, ensureEngines } from '../engines.mjs';
import { runOrExit } from '../run.mjs';
import { benchEnterprises } from './enterprises.mjs';
import { benchMatching } from './matching.mjs';
import { benchReconciliation } from './reconciliation.mjs';
import { benchVouchers } from './vouchers.mjs';
import { benchProviderSearch } from './provider-search.mjs';
import { insertHistory } from './history.mjs';
import { generateProviders, insertProviders } from './providers.mjs';
import { startIssuer } from './issuer.mjs';
import { benchBusyHour } from './busy-hour.mjs';
import { benchLists } from './lists.mjs';

const root = new URL('../../..', import.meta.url).pathname;
const options = { clients: 16, seconds: Number(process.env.BENCH_SECONDS ?? 5) };
const port = Number(process.env.BENCH_PORT ?? 3999);

const engines = await ensureEngines({ root });
// Its own database and Redis prefix: several benches may share the machine's servers
// (BENCH_DATABASE names it, else BENCH_ID or the process id; it is dropped first).
const benchName = process.env.BENCH_DATABASE ?? `seaward_bench_${process.env.BENCH_ID ?? process.pid}`;
await dropDatabase(engines.databaseUrl, benchName);
const databaseUrl = await createDatabase(engines.databaseUrl, benchName);
// As deployed (README, "Benchmarks"): NODE_ENV=production with an OIDC issuer's tokens, every
// request logged at info, the logs written to a file. BENCH_LOG_LEVEL changes the level;
// BENCH_ALSO_WARN=true starts a second api at warn and prints its figures beside (issue and
// enterprise reads); BENCH_PRODUCTION=false runs as before (development, dev tokens).
const production = process.env.BENCH_PRODUCTION !== 'false';
const issuer = production ? await startIssuer() : null;
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
const logs = `${root}.seaward/bench`;
mkdirSync(logs, { recursive: true });
const env = {
  ...process.env,
  ...(production ? { NODE_ENV: 'production', ...issuer.env } : { AUTH_DEV_TOKENS: 'true' }),
  DATABASE_URL: databaseUrl,
  REDIS_URL: engines.redisUrl,
  PORT: String(port),
  RATE_LIMIT_PER_MINUTE: '0',
  LOG_LEVEL: logLevel,
  REDIS_PREFIX: benchName,
};
if (production) delete env.AUTH_DEV_TOKENS;
/** The api as its own process, its stdout and stderr (the JSON logs) appended to a file. */
const startApi = (level, apiPort) => {
  const file = `${logs}/api-${benchName}-${level}.log`;
  const out = openSync(file, 'a');
  // BENCH_API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": a profile of the api under the load.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn('node', [...nodeArgs, 'dist/src/main.js'], {
    env: { ...env, LOG_LEVEL: level, PORT: String(apiPort) },
    cwd: root,
    stdio: ['ignore', out, out],
  });
  return { child, file, base: `http://127.0.0.1:${apiPort}` };
};
const untilReady = async (base) => {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the api at ${base} did not become ready within 60 s`);
};
let warnApi;
let api;

try {
  await runOrExit('npm', ['run', 'build', '--silent'], { env, cwd: root });
  await runOrExit('node', ['dist/src/cli/migrate.js'], { env, cwd: root });
  const started = startApi(logLevel, port);
  api = started.child;
  const base = started.base;
  await untilReady(base);
  if (process.env.BENCH_ALSO_WARN === 'true' && logLevel !== 'warn') {
    warnApi = startApi('warn', port + 1);
    await untilReady(warnApi.base);
  }
  const token = production
    ? issuer.token
    : async (role, org) => {
        const res = await fetch(`${base}/v1/auth/dev-tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role, org, sub: `bench-${role}` }),
        });
        return (await res.json()).token;
      };
  const sql = postgres(databaseUrl, { max: options.clients, onnotice: () => undefined });
  const context = { root, base, warnBase: warnApi?.base, sql, databaseUrl, token, options, env, apiPid: api.pid };

  // `npm run bench -- busy-hour`: the mixed open-model load alone (scripts/lib/bench/busy-hour.mjs).
  // `npm run bench -- lists` (or BENCH_ONLY=lists): one part only.
  const only = process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? process.env.BENCH_ONLY;
  const cpus = os.cpus();
  console.log(
    `\nSeaward bench — ${cpus.length} cores (${cpus[0]?.model.trim()}), up to ${options.clients} concurrent clients, ${options.seconds} s per figure after ${process.env.BENCH_WARMUP_SECONDS ?? 2} s of the same load unmeasured, ${new Date().toISOString()}\n` +
      `api: ${production ? 'NODE_ENV=production, tokens from a JWKS issuer' : 'development, dev tokens'}, LOG_LEVEL=${logLevel}, logs in ${started.file}` +
      `${warnApi ? `; a second api at LOG_LEVEL=warn beside (logs in ${warnApi.file})` : ''}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
  );
  if (only === 'busy-hour') await benchBusyHour(context);
  if (!only || only === 'enterprises') await benchEnterprises(context);
  if (!only || only === 'vouchers') await benchVouchers(context);
  if (!only || only === 'lists') await benchLists(context);
  if (!only || only === 'reconciliation') {
    if (only) await insertProviders(sql, generateProviders(10, 11), (await import(`${root}/dist/libs/search-text/index.js`)).searchDocument);
    await benchReconciliation(context);
  }
  if (!only || only === 'search' || only === 'matching') {
    const { searchDocument } = await import(`${root}/dist/libs/search-text/index.js`);
    let loaded = 0;
    // BENCH_MATCHING_SIZES=100000: one size only, for a short run.
    const sizes = (process.env.BENCH_MATCHING_SIZES ?? '10000,100000').split(',').map(Number);
    for (const size of sizes) {
      await insertProviders(sql, generateProviders(size - loaded, size), searchDocument);
      loaded = size;
      if (only !== 'matching') await benchProviderSearch(context, size);
      if (only !== 'search') {
        // Publish without history first (the figure before history fed matching), then with it.
        await benchMatching(context, size, { publishOnly: true, label: 'no history' });
        const added = await insertHistory(sql);
        const [{ total, withHistory }] =
          await sql`select count(*)::int as total, (select count(distinct provider_id)::int from engagements) as "withHistory" from providers`;
        console.log(
          `History: ${added.engagements.toLocaleString()} past engagements added for ${added.providers.toLocaleString()} providers (${withHistory.toLocaleString()} of ${total.toLocaleString()} providers now have history)\n`,
        );
        // With history, under an alliance's learned weights (issue 30): publish p50/p95 beside the bare candidate SQL.
        await benchMatching(context, size, { label: 'with history, learned weights', learned: true });
      }
    }
  }
  await sql.end();
} finally {
  for (const child of [api, warnApi?.child]) {
    if (!child || child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    // Node 24 can deadlock in its own exit after process.exit (nodejs/node#54918: a background
    // compile waits for a GC the exiting main thread never runs); seen here once in a bench api.
    // What an orchestrator does after its grace: kill it.
    const killed = setTimeout(() => child.kill('SIGKILL'), 35_000);
    await exited;
    clearTimeout(killed);
  }
  issuer?.close();
  if (process.env.BENCH_KEEP_DATABASE !== 'true') await dropDatabase(engines.databaseUrl, benchName).catch(() => undefined);
  await engines.stop();
}
