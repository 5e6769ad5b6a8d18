import { Agent, request } from 'node:http';

/**
 * A closed loop of `clients` concurrent callers for `seconds`; the app figure and its bare
 * baseline both go through this, so their rates and percentiles compare like for like. The same
 * loop runs `warmupSeconds` first, unmeasured (BENCH_WARMUP_SECONDS, 2 by default): a deployed api
 * has compiled its hot paths and filled its pools long before a busy minute, and the api the bench
 * has just started has not (voucher issue's first 5 s after a start, measured alone: 42–64% of the
 * bare hot row; over 15 s, 56–77%). A part whose calls use up what it prepared passes 0.
 */
export async function measure(label, once, { clients, seconds, warmupSeconds = WARMUP_SECONDS }) {
  if (warmupSeconds > 0) await closedLoop(once, clients, warmupSeconds, () => undefined);
  refusals.clear();
  const latencies = [];
  let failures = 0;
  await closedLoop(once, clients, seconds, (ok, ms) => {
    if (!ok) failures++;
    latencies.push(ms);
  });
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))];
  return { label, rate: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), failures, refusals: tally(), seconds };
}

const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);

async function closedLoop(once, clients, seconds, record) {
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const ok = await once();
        record(ok, performance.now() - started);
      }
    }),
  );
}

/** Why calls failed, by status and problem code: a failure count alone does not say what broke. */
const refusals = new Map();
const tally = () => [...refusals].map(([why, n]) => `${why} ×${n}`).join(', ');
function refused(why) {
  refusals.set(why, (refusals.get(why) ?? 0) + 1);
}

/** A keep-alive HTTP caller: `call(method, path, body)` resolves true on a 2xx. */
export function httpCaller(base, headers, maxSockets) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return (method, path, body) =>
    new Promise((resolve) => {
      const req = request(`${base}${path}`, { method, agent, headers }, (res) => {
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        const chunks = [];
        res.on('data', (chunk) => ok || chunks.push(chunk));
        res.on('end', () => {
          if (!ok) refused(`${res.statusCode} ${problemCode(Buffer.concat(chunks))}`);
          resolve(ok);
        });
      });
      req.on('error', (error) => {
        refused(error.code ?? 'network error');
        resolve(false);
      });
      req.end(body);
    });
}

function problemCode(body) {
  try {
    return JSON.parse(body.toString()).code ?? '';
  } catch {
    return '';
  }
}

export function format(r) {
  const failed = r.failures ? `  (${r.failures} failed!${r.refusals ? ` ${r.refusals}` : ''})` : '';
  const cpu = r.cpu ? `  CPU/call api ${r.cpu.api.toFixed(0)} µs, postgres ${r.cpu.postgres.toFixed(0)} µs` : '';
  return `${r.rate.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms${failed}${cpu}`;
}

/** The app's figure, the same at LOG_LEVEL=warn when measured (BENCH_ALSO_WARN), and the bare baseline. */
export function printPair(app, bare, warn) {
  console.log(`${app.label.padEnd(60)} ${format(app)}`);
  if (warn) console.log(`${'  the same, api at LOG_LEVEL=warn'.padEnd(60)} ${format(warn)}   app/bare rate ${((warn.rate / bare.rate) * 100).toFixed(0)}%`);
  console.log(`${bare.label.padEnd(60)} ${format(bare)}   app/bare rate ${((app.rate / bare.rate) * 100).toFixed(0)}%\n`);
}

/** Latency of `times` sequential calls of `once` (each may do unmeasured set-up first). */
export async function sample(label, times, prepare, once) {
  const latencies = [];
  let failures = 0;
  for (let i = 0; i < times; i++) {
    const input = await prepare(i);
    const started = performance.now();
    if (!(await once(input))) failures++;
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))];
  return { label, rate: 1000 / (latencies.reduce((a, b) => a + b, 0) / times), p50: at(0.5), p95: at(0.95), p99: at(0.99), failures };
}

export function formatWithP99(r) {
  return `${format(r)}  p99 ${r.p99.toFixed(1).padStart(6)} ms`;
}
