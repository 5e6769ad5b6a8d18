// npm run bench: figures over real HTTP against a started api process, each beside the bare SQL
// it wraps, measured by the same client loop in the same run.
// Budgets whose features do not exist yet are listed as such, not faked.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import postgres from 'postgres';
import { createDatabase, dropDatabase, ensureEngines } from './engines.mjs';
import { runOrExit } from './run.mjs';

const root = new URL('../..', import.meta.url).pathname;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 16;
const ENTERPRISES = 20_000;
const port = Number(process.env.BENCH_PORT ?? 3999);

const engines = await ensureEngines({ root });
const databaseUrl = await dropDatabase(engines.databaseUrl, 'seaward_bench').then(() => createDatabase(engines.databaseUrl, 'seaward_bench'));
const env = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: engines.redisUrl, PORT: String(port), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', REDIS_PREFIX: 'seaward_bench' };
let api;

try {
  await runOrExit('npm', ['run', 'build', '--silent'], { env, cwd: root });
  await runOrExit('node', ['dist/src/cli/migrate.js'], { env, cwd: root });
  const { usccCheckCharacter } = await import(`${root}/dist/libs/uscc/index.js`);
  const uscc = () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let first17 = '91310104';
    for (let i = 0; i < 9; i++) first17 += alphabet[Math.floor(Math.random() * 31)];
    return first17 + usccCheckCharacter(first17);
  };

  const sql = postgres(databaseUrl, { max: CONNECTIONS, onnotice: () => undefined });
  const ids = Array.from({ length: ENTERPRISES }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = ids.slice(i, i + 5000).map((id) => ({ id, name: `Bench ${id.slice(0, 8)}`, uscc: uscc(), district: 'xuhui', sector: '38', sme: true }));
    await sql`insert into enterprises ${sql(rows)} on conflict do nothing`;
  }
  await sql`analyze enterprises`;

  api = spawn('node', ['dist/src/main.js'], { env, cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await fetch(`${base}/health/ready`).then((r) => r.ok, () => false)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const { token } = await fetch(`${base}/v1/auth/dev-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'admin', org: 'platform', sub: 'bench' }),
  }).then((r) => r.json());
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const pick = () => ids[Math.floor(Math.random() * ids.length)];

  const results = [];
  // Both sides run in the same closed loop of CONNECTIONS clients, so their rates and
  // percentiles compare like for like; only what is inside the loop differs.
  const measure = async (label, once) => {
    const latencies = [];
    let failures = 0;
    const deadline = Date.now() + SECONDS * 1000;
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        if (!(await once())) failures++;
        latencies.push(performance.now() - started);
      }
    }));
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))];
    return { label, rate: latencies.length / SECONDS, p50: at(0.5), p95: at(0.95), failures };
  };
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const call = (method, path, body) =>
    new Promise((resolve) => {
      const req = request(`${base}${path}`, { method, agent, headers: auth }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode >= 200 && res.statusCode < 300));
      });
      req.on('error', () => resolve(false));
      req.end(body);
    });
  const http = (label, next) => measure(label, () => call(...next()));
  const bare = (label, query) => measure(label, () => query().then(() => true));

  results.push([
    await http('GET /v1/enterprises/:id over HTTP', () => ['GET', `/v1/enterprises/${pick()}`]),
    await bare('bare: select by id', () => sql`select * from enterprises where id = ${pick()}`),
  ]);
  results.push([
    await http('POST /v1/enterprises over HTTP', () => [
      'POST',
      '/v1/enterprises',
      JSON.stringify({ name: 'Bench Co', uscc: uscc(), district: 'xuhui', sector: '38', sme: true }),
    ]),
    await bare('bare: insert enterprise + audit + outbox in one tx', () =>
      sql.begin(async (tx) => {
        const id = randomUUID();
        await tx`insert into enterprises (id, name, uscc, district, sector, sme) values (${id}, 'Bench Co', ${uscc()}, 'xuhui', '38', true)`;
        await tx`insert into audit_log (actor_sub, actor_role, actor_org, action, entity_type, entity_id) values ('bench', 'admin', 'platform', 'enterprise.registered', 'enterprise', ${id})`;
        await tx`insert into outbox (queue, name, payload) values ('notifications', 'deliver', ${tx.json({ enterpriseId: id })})`;
      }),
    ),
  ]);
  await sql.end();

  const fmt = (r) => `${r.rate.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(5)} ms  p95 ${r.p95.toFixed(1).padStart(5)} ms${r.failures ? `  (${r.failures} failed!)` : ''}`;
  console.log(`\nSeaward bench — ${CONNECTIONS} concurrent clients, ${SECONDS} s each, ${ENTERPRISES.toLocaleString()} enterprises, ${new Date().toISOString()}\n`);
  for (const [app, baseline] of results) {
    console.log(`${app.label.padEnd(52)} ${fmt(app)}`);
    console.log(`${baseline.label.padEnd(52)} ${fmt(baseline)}   app/bare rate ${(app.rate / baseline.rate * 100).toFixed(0)}%\n`);
  }
  console.log('Budgets of ARCHITECTURE.md whose features are not built yet (nothing to measure, nothing claimed):');
  console.log('  match p95 ≤ 20 ms at 100,000 providers ............ not yet measurable (matching: issue 5)');
  console.log('  search p95 ≤ 30 ms at 100,000 providers ........... not yet measurable (providers & search: issue 4)');
  console.log('  voucher issue ≥ 800/s, zero overspend ............. not yet measurable (vouchers: issue 6)');
  console.log('  1,000,000 commitments reconciled ≤ 30 s ........... not yet measurable (reconciliation: issue 8)');
} finally {
  api?.kill('SIGTERM');
  await engines.stop();
}
