// `npm run bench -- busy-hour`: a district's busy hour as an open model. Calls arrive at a fixed
// rate whatever the api's answers (a closed loop of clients would slow down with the api and hide
// its queueing), drawn from a fixed mix with a seeded generator, so every run sends the same
// sequence. The rate steps up until p95 passes 100 ms; the knee of the curve is the figure.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { generateProviders, insertProviders } from './providers.mjs';
import { saturationMeter } from './saturation.mjs';

const STEPS = (process.env.BENCH_BUSY_RATES ?? '25,50,100,150,200,300,400,500').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_BUSY_SECONDS ?? 10);
const ENTERPRISES = 20;
const SEED = 20261206;

/** mulberry32, as providers.mjs: the same sequence of calls every run. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function benchBusyHour(context) {
  const { root, base, sql, token } = context;
  const { searchDocument } = await import(`${root}/dist/libs/search-text/index.js`);
  const { usccCheckCharacter } = await import(`${root}/dist/libs/uscc/index.js`);
  await insertProviders(sql, generateProviders(2_000, 2_000), searchDocument);

  const officer = { authorization: `Bearer ${await token('district_officer', 'xuhui')}`, 'content-type': 'application/json' };
  const program = await post(base, officer, '/v1/programs', {
    district: 'xuhui',
    name: 'Busy hour programme',
    policyRef: 'bench',
    rateBps: 3000,
    perVoucherCap: { amount: 1_000_000, currency: 'CNY' },
    perEnterpriseCap: { amount: 1_000_000_000_000, currency: 'CNY' },
    budget: { amount: 1_000_000_000_000, currency: 'CNY' },
    categories: ['legal'],
    providerRule: 'any_vetted',
    enterpriseRule: 'any',
    validFrom: new Date(Date.now() - 86_400_000).toISOString(),
    validTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
  });
  // Enterprises with a published request each (its ranking stored, providers invited).
  const enterprises = [];
  for (let i = 0; i < ENTERPRISES; i++) {
    const id = randomUUID();
    const headers = { authorization: `Bearer ${await token('enterprise', id, `busy-${id}`)}`, 'content-type': 'application/json' };
    const first17 = `91310104${String(800_000_000 + i).slice(-9)}`;
    await post(base, headers, '/v1/enterprises', {
      name: `Busy ${i}`,
      uscc: first17 + usccCheckCharacter(first17),
      district: 'xuhui',
      sector: '38',
      sme: true,
    });
    const requestId = await post(base, headers, '/v1/requests', {
      title: '沙特 ODI 备案 ODI filing in Saudi Arabia',
      description: 'Busy hour request',
      category: 'legal',
      services: ['odi_filing', 'entity_setup'],
      countries: ['SA'],
      sector: '38',
      budget: { min: { amount: 1_000_000, currency: 'CNY' }, max: { amount: 10_000_000, currency: 'CNY' } },
      languages: ['zh-CN'],
      biddingClosesAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    });
    await post(base, headers, `/v1/requests/${requestId}/publish`);
    enterprises.push({ id, headers, requestId });
  }
  const providerHeaders = { authorization: `Bearer ${await token('provider', randomUUID())}` };
  // Providers the publishes invited, each reading its own inbox as the web app does.
  const invited = await sql`select distinct provider_id as id from invitations limit 20`;
  const inboxes = [];
  for (const { id } of invited) inboxes.push({ authorization: `Bearer ${await token('provider', id)}` });
  if (inboxes.length === 0) throw new Error('busy hour set-up: the publishes invited no provider');
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const pick = (random, list) => list[Math.floor(random() * list.length)];
  const words = ['律师', 'tax advisory', '沙特', 'certification', 'customs'];
  /** An enterprise reading its own request's matches or bids. */
  const own = (e, what) => ['GET', `/v1/requests/${e.requestId}/${what}`, null, e.headers];
  // The mix, in the proportions of a district platform's hour: mostly reads by enterprises and
  // providers, officers issuing and checking budgets, the web app's lists.
  const MIX = [
    [0.2, 'GET matches (enterprise)', (r) => own(pick(r, enterprises), 'matches')],
    [0.1, 'GET bids (enterprise)', (r) => own(pick(r, enterprises), 'bids')],
    [0.2, 'GET providers?q (search)', (r) => ['GET', `/v1/providers?${new URLSearchParams({ q: pick(r, words) })}`, null, providerHeaders]],
    [0.05, 'GET requests (enterprise home)', (r) => ['GET', '/v1/requests?limit=20', null, pick(r, enterprises).headers]],
    [0.05, 'GET invitations (provider inbox)', (r) => ['GET', '/v1/invitations?limit=20', null, pick(r, inboxes)]],
    [
      0.1,
      'POST vouchers (officer)',
      (r) => [
        'POST',
        `/v1/programs/${program}/vouchers`,
        { enterpriseId: pick(r, enterprises).id, faceValue: { amount: 10_000, currency: 'CNY' }, expiresAt },
        officer,
      ],
    ],
    [0.1, 'GET programme budget (officer)', () => ['GET', `/v1/programs/${program}`, null, officer]],
    [0.2, 'GET enterprises list (officer)', () => ['GET', '/v1/enterprises?limit=20', null, officer]],
  ];

  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const startMeter = await saturationMeter(context);
  console.log(
    `Busy hour: open model, fixed arrival rate per step (${STEP_SECONDS} s a step), seed ${SEED}; ${MIX.map(([p, n]) => `${n} ${p * 100}%`).join(', ')}`,
  );
  console.log('No bare baseline: the figure is the knee of this curve, read against the budget (≥ 300 calls/s mixed, p95 ≤ 50 ms, no errors).\n');
  for (const rate of STEPS) {
    const random = rng(SEED + rate);
    const results = new Map(MIX.map(([, name]) => [name, { latencies: [], errors: 0 }]));
    const stopMeter = await startMeter();
    const started = performance.now();
    const total = rate * STEP_SECONDS;
    const inFlight = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      let x = random();
      const [, name, make] = MIX.find(([p]) => (x -= p) < 0) ?? MIX[MIX.length - 1];
      const [method, path, body, headers] = make(random);
      const sent = performance.now();
      inFlight.push(
        call(agent, base, method, path, body, headers).then((ok) => {
          const r = results.get(name);
          r.latencies.push(performance.now() - sent);
          if (!ok) r.errors++;
        }),
      );
    }
    await Promise.all(inFlight);
    const achieved = total / ((performance.now() - started) / 1000);
    const used = await stopMeter();
    const all = [...results.values()].flatMap((r) => r.latencies).sort((a, b) => a - b);
    const errors = [...results.values()].reduce((n, r) => n + r.errors, 0);
    console.log(
      `${String(rate).padStart(4)} calls/s offered, ${achieved.toFixed(0)} answered/s; all routes p50 ${q(all, 0.5)} p95 ${q(all, 0.95)} p99 ${q(all, 0.99)} ms; ${errors} errors`,
    );
    for (const [name, r] of results) {
      const sorted = r.latencies.sort((a, b) => a - b);
      console.log(
        `      ${name.padEnd(34)} ${String(sorted.length).padStart(6)} calls  p50 ${q(sorted, 0.5)}  p95 ${q(sorted, 0.95)}  p99 ${q(sorted, 0.99)} ms  ${r.errors} errors`,
      );
    }
    console.log(`      CPU: ${used.cpu}\n      ${used.loop}; ${used.gc}`);
    if (Number(q(all, 0.95)) > 100) {
      console.log(`\np95 passed 100 ms at ${rate} calls/s: the knee is below it.\n`);
      break;
    }
  }
  agent.destroy();
}

function q(sorted, quantile) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * quantile))].toFixed(1).padStart(6) : '     –';
}

function call(agent, base, method, path, body, headers) {
  return new Promise((resolve) => {
    const req = request(`${base}${path}`, { method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode >= 200 && res.statusCode < 300));
    });
    req.on('error', () => resolve(false));
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

async function post(base, headers, path, body) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: body ? JSON.stringify(body) : undefined });
  if (res.status >= 300) throw new Error(`busy hour set-up: POST ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}
