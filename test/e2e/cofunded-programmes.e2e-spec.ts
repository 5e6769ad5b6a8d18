import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approvedShares, splitByShares } from '../../libs/ledger/index.js';
import { createSql } from '../../src/db/database.js';
import { verifyLedger } from '../../src/modules/ledger/ledger-verify.js';
import { act } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { award, cny, createProgram, issueVoucher, ledgerOf, programBody, rmb } from '../factories/vouchers.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';

// Its own cities (Xuancheng leads, Wuhu co-funds) and country (Bhutan): no other file counts them.
const LEAD = 'xuancheng';
const PARTNER = 'wuhu';
const COUNTRY = 'BT';
const SHARES = [
  { funder: LEAD, shareBps: 6000 },
  { funder: PARTNER, shareBps: 4000 },
];

/** Runs `work` over `items`, `width` at a time (setting up 200 rounds without flooding two cores). */
async function inBatches<T, R>(items: T[], width: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j)))));
  return out;
}

describe('co-funded programmes across cities (issue 28)', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let alliance: { id: string; manager: string };
  const sql = createSql(process.env.DATABASE_URL!, 4);

  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '0', DATABASE_ACQUIRE_TIMEOUT_MS: '120000', DATABASE_LOCK_TIMEOUT_MS: '120000' });
    worker = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_cofund` });
    alliance = await createAlliance(api, 'G60 宣城芜湖出海服务联盟', [LEAD, PARTNER]);
  }, 60_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sql.end({ timeout: 5 });
  });

  const g60 = (budgets: [number, number], overrides: Record<string, unknown> = {}) => ({
    district: LEAD,
    name: 'G60 科创走廊出海服务券（宣城·芜湖）G60 outbound services voucher',
    policyRef: 'G60 联席办〔2026〕示例',
    providerRule: 'any_vetted',
    enterpriseRule: 'any',
    categories: ['legal'],
    budget: cny(budgets[0] + budgets[1]),
    funders: [
      { district: LEAD, shareBps: 6000, budget: cny(budgets[0]) },
      { district: PARTNER, shareBps: 4000, budget: cny(budgets[1]) },
    ],
    ...overrides,
  });

  it('refuses funders whose shares, budgets or districts do not add up, with the field at fault', async () => {
    const officer = await api.token('district_officer', LEAD);
    const create = (body: Record<string, unknown>) => api.http.post('/v1/programs').set(bearer(officer)).send(programBody(body));
    const shares = await create(
      g60([600, 400], {
        funders: [
          { district: LEAD, shareBps: 6000, budget: cny(600) },
          { district: PARTNER, shareBps: 3000, budget: cny(400) },
        ],
      }),
    );
    expect(shares.status).toBe(400);
    expect(shares.body.errors).toEqual([expect.objectContaining({ path: 'funders', message: 'the shares sum to 9000, not 10000' })]);
    const budget = await create(g60([600, 400], { budget: cny(2000) }));
    expect(budget.status).toBe(400);
    expect(budget.body.errors).toEqual([expect.objectContaining({ path: 'budget.amount' })]);
    const unknown = await create(g60([600, 400], { funders: [{ district: 'atlantis', shareBps: 10000, budget: cny(1000) }], budget: cny(1000) }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('funders.0.district');
  });

  it('shows each funder its own part: the lead sees every funder, a co-funder its own, anyone else 404', async () => {
    const program = await createProgram(api, g60([rmb(600_000).amount, rmb(400_000).amount]));
    expect(program.view.funders).toEqual([
      { district: LEAD, shareBps: 6000, budget: rmb(600_000) },
      { district: PARTNER, shareBps: 4000, budget: rmb(400_000) },
    ]);
    const fresh = { budget: rmb(0), committed: rmb(0), approved: rmb(0), paid: rmb(0), available: rmb(0) };
    const lead = await api.http.get(`/v1/programs/${program.id}/funders`).set(bearer(program.officer)).expect(200);
    expect(lead.body.funders).toEqual([
      { district: LEAD, shareBps: 6000, budget: rmb(600_000), ledger: { ...fresh, budget: rmb(600_000), available: rmb(600_000) } },
      { district: PARTNER, shareBps: 4000, budget: rmb(400_000), ledger: { ...fresh, budget: rmb(400_000), available: rmb(400_000) } },
    ]);
    const partner = await api.http
      .get(`/v1/programs/${program.id}/funders`)
      .set(bearer(await api.token('district_officer', PARTNER)))
      .expect(200);
    expect(partner.body.funders.map((f: { district: string }) => f.district)).toEqual([PARTNER]);
    // The programme's own ledger stays with those who manage it.
    const asPartner = await api.http
      .get(`/v1/programs/${program.id}`)
      .set(bearer(await api.token('district_officer', PARTNER)))
      .expect(200);
    expect(asPartner.body.ledger).toBeUndefined();
    await api.http
      .get(`/v1/programs/${program.id}/funders`)
      .set(bearer(await api.token('district_officer', 'jinhua')))
      .expect(404);
    // ledger:verify names a funder account changed behind the ledger's back.
    const found = await sql
      .begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`update funder_ledger_accounts set balance = balance - 5 where program_id = ${program.id} and funder = ${PARTNER} and account = 'available'`;
        throw Object.assign(new Error('rollback'), { violations: await verifyLedger(tx) });
      })
      .catch((error: Error & { violations?: Awaited<ReturnType<typeof verifyLedger>> }) => error.violations);
    expect(found!.map((v) => v.check)).toEqual(["funders: each funder's accounts sum to zero, match their moves, none below zero"]);
    expect(found![0]!.rows).toEqual(expect.arrayContaining([expect.objectContaining({ program_id: program.id, funder: PARTNER, account: 'available' })]));
    const alone = await createProgram(api, { district: LEAD });
    expect(alone.view.funders).toBeUndefined();
    await api.http.get(`/v1/programs/${alone.id}/funders`).set(bearer(alone.officer)).expect(404);
    expect(await verifyLedger(sql)).toEqual([]);
  });

  it('200 parallel awards, Wuhu’s budget binding first: no funder overspent, settlement lines per funder summing to the claims', async () => {
    // Each purchase: 30% of 10,000.10 RMB = 300,003 fen, split 180,002 (Xuancheng, with the odd fen) / 120,001 (Wuhu).
    const price = 1_000_010;
    const subsidy = 300_003;
    const parts = splitByShares(subsidy, SHARES);
    expect([parts.get(LEAD), parts.get(PARTNER)]).toEqual([180_002, 120_001]);
    // Wuhu covers 100 parts and half of another; Xuancheng 266. The programme's budget covers every voucher.
    const partnerBudget = 100 * 120_001 + 60_000;
    const face = 4 * subsidy;
    const leadBudget = 50 * face - partnerBudget;
    const program = await createProgram(api, g60([leadBudget, partnerBudget], { perVoucherCap: cny(face), perEnterpriseCap: cny(face) }));

    const provider = await createProvider(api, { district: LEAD, countries: [COUNTRY], overseasOffices: [COUNTRY], capacity: 10_000 });
    await vet(api, alliance, provider);
    const enterprises = await inBatches(Array.from({ length: 50 }), 10, () => createEnterprise(api, { district: LEAD }));
    const vouchers = await inBatches(enterprises, 10, (e) => issueVoucher(api, program, e.id, cny(face)));
    const rounds = await inBatches(Array.from({ length: 200 }), 10, async (_, i) => {
      const enterprise = enterprises[i % 50]!;
      const requestId = await createRequest(api, enterprise.token, {
        category: 'legal',
        services: ['odi_filing'],
        countries: [COUNTRY],
        budget: { min: cny(1), max: cny(10_000_000) },
      });
      await publish(api, enterprise.token, requestId);
      const bid = await api.http
        .post(`/v1/requests/${requestId}/bids`)
        .set(bearer(provider.token))
        .send({ price: cny(price), timelineDays: 30, proposal: '不丹境外投资备案 ODI filing for Bhutan', milestones: [] })
        .expect(201);
      return { enterprise, voucherId: vouchers[i % 50]!, requestId, bidId: bid.body.id as string };
    });

    const awards = await Promise.all(rounds.map((round) => award(api, round.enterprise, round, round.voucherId)));
    const won = awards.filter((r) => r.status === 201);
    const refused = awards.filter((r) => r.status === 409);
    expect(won).toHaveLength(100);
    expect(won.every((r) => r.body.subsidy.amount === subsidy)).toBe(true);
    expect(refused).toHaveLength(100);
    expect(refused.every((r) => r.body.code === 'budget_exhausted' && r.body.detail.includes(PARTNER))).toBe(true);

    const funders = await api.http.get(`/v1/programs/${program.id}/funders`).set(bearer(program.officer)).expect(200);
    const [lead, partner] = funders.body.funders;
    expect(partner.ledger).toMatchObject({ committed: cny(100 * 120_001), available: cny(60_000) });
    expect(lead.ledger).toMatchObject({ committed: cny(100 * 180_002), available: cny(leadBudget - 100 * 180_002) });
    // A refused award leaves nothing behind: the voucher still holds what it did not spend.
    expect(await ledgerOf(api, program)).toMatchObject({ committed: cny(100 * subsidy), reserved: cny(100 * subsidy) });
    expect(await verifyLedger(sql)).toEqual([]);

    // Twenty of the winners are paid, delivered and accepted; one had a fifth of its price refunded.
    const engagements = won
      .slice(0, 20)
      .map((r, i) => ({ id: r.body.id as string, share: r.body.enterpriseShare, enterprise: rounds[awards.indexOf(r)]!.enterprise, i }));
    await inBatches(engagements, 5, async ({ id, share, enterprise }) => {
      const { reference } = (await act(api, enterprise.token, id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
      await act(api, provider.token, id, 'payments/confirm-transfer', { reference, amount: share }).expect(200);
      await act(api, provider.token, id, 'deliver').expect(200);
      await act(api, enterprise.token, id, 'accept').expect(200);
    });
    await act(api, provider.token, engagements[0]!.id, 'refunds', { amount: cny(200_002) }).expect(200);

    const queued = await api.http.post(`/v1/programs/${program.id}/reconciliations`).set(bearer(program.officer)).expect(202);
    const run = await eventually(
      () =>
        api.http
          .get(`/v1/reconciliations/${queued.body.runId}`)
          .set(bearer(program.officer))
          .then((r) => r.body),
      (body) => body.status === 'completed' || body.status === 'failed',
      60_000,
    );
    expect(run.counts).toMatchObject({ approved: 19, adjusted: 1, held: 80 });
    const [{ id: settlementId }] = (await api.http.get(`/v1/programs/${program.id}/settlements`).set(bearer(program.officer)).expect(200)).body.data;
    const settlement = (await api.http.get(`/v1/settlements/${settlementId}`).set(bearer(program.officer)).expect(200)).body;
    const [claims] =
      await sql`select sum(approved_amount)::bigint as total, min(approved_amount)::bigint as adjusted from subsidy_claims where settlement_id = ${settlementId}`;
    expect(settlement.total.amount).toBe(Number(claims!.total));

    // Each funder's part of each claim (libs/ledger), summed: what its lines must say.
    const adjusted = approvedShares(parts, Number(claims!.adjusted), SHARES);
    const expected = (funder: string) => 19 * parts.get(funder)! + adjusted.get(funder)!;
    const partnerOfficer = await api.token('district_officer', PARTNER);
    // The co-funder finds the settlement among its own: the total is its part.
    const partnerSettlements = (await api.http.get(`/v1/programs/${program.id}/funders/${PARTNER}/settlements`).set(bearer(partnerOfficer)).expect(200)).body
      .data;
    expect(partnerSettlements).toEqual([expect.objectContaining({ settlementId, status: 'pending', total: cny(expected(PARTNER)) })]);
    await api.http.get(`/v1/programs/${program.id}/funders/${LEAD}/settlements`).set(bearer(partnerOfficer)).expect(404);
    await api.http.get(`/v1/programs/${program.id}/settlements`).set(bearer(partnerOfficer)).expect(404);
    const leadLines = (await api.http.get(`/v1/settlements/${settlementId}/funders/${LEAD}`).set(bearer(program.officer)).expect(200)).body;
    const partnerLines = (await api.http.get(`/v1/settlements/${settlementId}/funders/${PARTNER}`).set(bearer(partnerOfficer)).expect(200)).body;
    expect(leadLines.total).toEqual(cny(expected(LEAD)));
    expect(partnerLines.total).toEqual(cny(expected(PARTNER)));
    expect(leadLines.total.amount + partnerLines.total.amount).toBe(settlement.total.amount);
    expect(partnerLines.lines).toEqual([
      { payeeType: 'provider', payeeId: provider.id, payeeName: expect.any(String), engagements: 20, amount: cny(expected(PARTNER)) },
    ]);

    // The co-funder reads its part and nothing else; a city that funds nothing reads nothing.
    await api.http.get(`/v1/settlements/${settlementId}/funders/${LEAD}`).set(bearer(partnerOfficer)).expect(404);
    await api.http.get(`/v1/settlements/${settlementId}`).set(bearer(partnerOfficer)).expect(404);
    await api.http
      .get(`/v1/settlements/${settlementId}/funders/${PARTNER}`)
      .set(bearer(await api.token('district_officer', 'jinhua')))
      .expect(404);
    const csv = await api.http.get(`/v1/settlements/${settlementId}/funders/${PARTNER}`).set(bearer(partnerOfficer)).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('funder,payeeType,payeeId,payeeName,engagements,amount,currency');
    expect(rows[1]).toBe(`${PARTNER},provider,${provider.id},${partnerLines.lines[0].payeeName},20,${(expected(PARTNER) / 100).toFixed(2)},CNY`);

    await api.http
      .post(`/v1/settlements/${settlementId}/confirm`)
      .set(bearer(program.officer))
      .send({ paidAt: new Date().toISOString(), reference: 'G60-2026-001' })
      .expect(200);
    const paid = (await api.http.get(`/v1/programs/${program.id}/funders`).set(bearer(partnerOfficer)).expect(200)).body.funders[0];
    expect(paid.ledger).toMatchObject({ paid: cny(expected(PARTNER)), approved: cny(0), committed: cny(80 * 120_001) });
    expect(await verifyLedger(sql)).toEqual([]);
  }, 600_000);
});
