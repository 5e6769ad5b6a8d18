import { randomUUID } from 'node:crypto';
import { cpuMeter, withCpu } from './cpu.mjs';
import { httpCaller, measure, printPair } from './measure.mjs';
import { generateProviders, insertProviders } from './providers.mjs';

const ENTERPRISES = 200;
const ROUNDS = 20_000;
const FACE = 1_000_000; // 10,000 RMB per voucher: room for many 30% subsidies of 100 RMB

/** Voucher issue and award with a voucher, 16 clients on ONE programme: its ledger rows are the hot spot. */
export async function benchVouchers({ root, base, warnBase, sql, token, options, apiPid }) {
  const { searchDocument } = await import(`${root}/dist/libs/search-text/index.js`);
  const { verifyLedger } = await import(`${root}/dist/src/modules/ledger/ledger-verify.js`);
  const { usccCheckCharacter } = await import(`${root}/dist/libs/uscc/index.js`);
  const uscc = (i) => {
    const first17 = `91310115${String(i).padStart(9, '0')}`;
    return first17 + usccCheckCharacter(first17);
  };

  const enterprises = Array.from({ length: ENTERPRISES }, (_, i) => ({
    id: randomUUID(),
    name: `Bench 出海 ${i}`,
    uscc: uscc(900_000 + i),
    district: 'pudong',
    sector: '38',
    sme: true,
  }));
  await sql`insert into enterprises ${sql(enterprises)}`;
  const providers = generateProviders(50, 7).map((p) => ({
    ...p,
    categories: ['legal'],
    services: ['odi_filing'],
    vetted_until: new Date(Date.now() + 365 * 86_400_000),
  }));
  await insertProviders(sql, providers, searchDocument);
  // Subsidy eligibility reads what an alliance vetted (the membership), not the provider's profile.
  const [alliance] = await sql`insert into alliances (id, name, districts) values (${randomUUID()}, 'Bench alliance', ${['pudong']}) returning id`;
  await sql`insert into alliance_memberships ${sql(
    providers.map((p) => ({
      alliance_id: alliance.id,
      provider_id: p.id,
      status: 'active',
      vetted_until: p.vetted_until,
      vetted_district: 'pudong',
      vetted_categories: ['legal'],
    })),
  )}`;

  const officer = { authorization: `Bearer ${await token('district_officer', 'pudong')}`, 'content-type': 'application/json' };
  const program = await createProgram(base, officer, { budget: 1_000_000_000_000, perVoucherCap: FACE, perEnterpriseCap: 1_000_000_000_000 });
  const call = httpCaller(base, officer, options.clients);
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const pick = () => enterprises[Math.floor(Math.random() * enterprises.length)].id;
  await sql`create table if not exists bench_hot_row (id int primary key, available bigint not null)`;
  await sql`insert into bench_hot_row values (1, 1000000000000) on conflict (id) do update set available = excluded.available`;

  console.log('Vouchers: one programme, 16 concurrent clients (budget: voucher issue ≥ 800/s, zero overspend)\n');
  const meter = await cpuMeter(sql, apiPid);
  const issueBody = () => JSON.stringify({ enterpriseId: pick(), faceValue: { amount: FACE, currency: 'CNY' }, expiresAt });
  const issued = await withCpu(meter, () =>
    measure('POST /v1/programs/:id/vouchers over HTTP', () => call('POST', `/v1/programs/${program}/vouchers`, issueBody()), options),
  );
  const callWarn = warnBase ? httpCaller(warnBase, officer, options.clients) : null;
  const issuedAtWarn = callWarn ? await measure('at warn', () => callWarn('POST', `/v1/programs/${program}/vouchers`, issueBody()), options) : undefined;
  printPair(
    issued,
    await withCpu(meter, () =>
      measure(
        'bare: conditional hot-row update (docs/architecture.md)',
        () => sql`update bench_hot_row set available = available - ${FACE} where id = 1 and available >= ${FACE}`.then((r) => r.count === 1),
        options,
      ),
    ),
    issuedAtWarn,
  );
  // BENCH_VOUCHERS=issue: the issue and the overspend check only (short runs while profiling).
  if (process.env.BENCH_VOUCHERS !== 'issue') await benchAwards({ base, sql, token, options }, enterprises, providers, program);
  await overspendCheck(base, officer, sql, options);
  const violations = await verifyLedger(sql);
  console.log(`ledger:verify over the bench database: ${violations.length === 0 ? 'every invariant holds' : JSON.stringify(violations).slice(0, 2000)}\n`);
}

/** Awards with a voucher, 16 clients, the ledger rows of the same programme as the hot spot. */
async function benchAwards({ base, sql, token, options }, enterprises, providers, program) {
  // Awards: requests with a live bid each, made directly in the database (matching is benched apart).
  const vouchers = new Map(
    (await sql`select distinct on (enterprise_id) enterprise_id, id from vouchers where program_id = ${program} and status = 'active'`).map((r) => [
      r.enterprise_id,
      r.id,
    ]),
  );
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const enterprise = enterprises[i % ENTERPRISES].id;
    if (vouchers.has(enterprise)) rounds.push({ request: randomUUID(), bid: randomUUID(), enterprise, provider: providers[i % providers.length].id });
  }
  for (let i = 0; i < rounds.length; i += 2000) {
    const batch = rounds.slice(i, i + 2000);
    await sql`insert into service_requests ${sql(batch.map((r) => ({ id: r.request, enterprise_id: r.enterprise, title: 'Bench ODI', description: 'Bench', category: 'legal', services: ['odi_filing'], countries: ['SA'], sector: '38', languages: ['zh-CN'], currency: 'CNY', budget_min: 1, budget_max: 100_000_000, bidding_closes_at: new Date(Date.now() + 86_400_000), status: 'open', published_at: new Date() })))}`;
    await sql`insert into bids ${sql(batch.map((r) => ({ id: r.bid, request_id: r.request, provider_id: r.provider, currency: 'CNY', price: 10_000, timeline_days: 10, proposal: 'Bench', milestones: sql.json([]) })))}`;
  }
  const tokens = new Map();
  for (const e of enterprises) tokens.set(e.id, await token('enterprise', e.id));
  const callers = new Map(
    enterprises.map((e) => [e.id, httpCaller(base, { authorization: `Bearer ${tokens.get(e.id)}`, 'content-type': 'application/json' }, 2)]),
  );
  let next = 0;
  const awardOnce = () => {
    const round = rounds[next++];
    if (!round) return Promise.resolve(false);
    return callers.get(round.enterprise)(
      'POST',
      `/v1/requests/${round.request}/award`,
      JSON.stringify({ bidId: round.bid, voucherId: vouchers.get(round.enterprise) }),
    );
  };
  await sql`create table if not exists bench_hot_pair (account text primary key, balance bigint not null)`;
  await sql`insert into bench_hot_pair values ('reserved', 1000000000000), ('committed', 0) on conflict (account) do update set balance = excluded.balance`;
  printPair(
    // No warm-up: each call awards one of the prepared rounds.
    await measure('POST /v1/requests/:id/award with a voucher over HTTP', awardOnce, { ...options, warmupSeconds: 0 }),
    await measure(
      'bare: the two hot-row updates of a commitment in one tx',
      () =>
        sql.begin(async (tx) => {
          await tx`update bench_hot_pair set balance = balance + 3000 where account = 'committed'`;
          const [row] = await tx`update bench_hot_pair set balance = balance - 3000 where account = 'reserved' and balance >= 3000 returning balance`;
          return row !== undefined;
        }),
      options,
    ),
  );
  if (next > rounds.length) console.log(`  (all ${rounds.length} prepared rounds were awarded; the award rate above is a lower bound)\n`);
}

/** A programme whose budget fits exactly 500 vouchers, hammered until it refuses: never one more. */
async function overspendCheck(base, officer, sql, options) {
  const face = 10_000;
  const program = await createProgram(base, officer, { budget: 500 * face, perVoucherCap: face, perEnterpriseCap: 1_000_000_000_000 });
  const [enterprise] = await sql`select id from enterprises where district = 'pudong' limit 1`;
  const call = httpCaller(base, officer, options.clients);
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  let accepted = 0;
  let attempts = 0;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (attempts < 2000) {
        attempts++;
        if (
          await call(
            'POST',
            `/v1/programs/${program}/vouchers`,
            JSON.stringify({ enterpriseId: enterprise.id, faceValue: { amount: face, currency: 'CNY' }, expiresAt }),
          )
        )
          accepted++;
      }
    }),
  );
  const [ledger] =
    await sql`select sum(balance) filter (where account = 'reserved') as reserved, sum(balance) filter (where account = 'available') as available from ledger_accounts where program_id = ${program}`;
  const overspend = accepted > 500 || Number(ledger.available) < 0 || Number(ledger.reserved) > 500 * face;
  console.log(
    `zero overspend: ${attempts} issues at a budget that fits 500 → ${accepted} accepted, reserved ${ledger.reserved}, available ${ledger.available}: ${overspend ? 'OVERSPENT' : 'none overspent'}\n`,
  );
}

async function createProgram(base, headers, terms) {
  const res = await fetch(`${base}/v1/programs`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      district: 'pudong',
      name: 'Bench programme',
      policyRef: 'bench',
      rateBps: 3000,
      perVoucherCap: { amount: terms.perVoucherCap, currency: 'CNY' },
      perEnterpriseCap: { amount: terms.perEnterpriseCap, currency: 'CNY' },
      budget: { amount: terms.budget, currency: 'CNY' },
      categories: ['legal'],
      providerRule: 'any_vetted',
      enterpriseRule: 'any',
      validFrom: new Date(Date.now() - 86_400_000).toISOString(),
      validTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    }),
  });
  if (res.status !== 201) throw new Error(`bench programme: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}
