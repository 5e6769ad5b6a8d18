import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSql } from '../../src/db/database.js';
import { LapseSubsidies } from '../../src/modules/engagements/lapse-subsidies.js';
import { ExpiryService } from '../../src/modules/expiry/expiry.service.js';
import { verifyLedger } from '../../src/modules/ledger/ledger-verify.js';
import { act, engagementOf } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance, createProvider, vet } from '../factories/providers.js';
import { createRequest, publish } from '../factories/requests.js';
import { cny, createProgram, issueVoucher, ledgerOf, rmb } from '../factories/vouchers.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';

// Districts and countries of this file only: xuancheng; PN, CC.
const DISTRICT = 'xuancheng';
const DAYS = 30;

describe('a subsidy held for an engagement never accepted lapses (issue 26)', () => {
  let api: Api;
  let worker: INestApplicationContext;
  let alliance: { id: string; manager: string };
  const sql = createSql(process.env.DATABASE_URL!, 2);

  beforeAll(async () => {
    api = await startApi({ SUBSIDY_ACCEPTANCE_DAYS: String(DAYS), RATE_LIMIT_PER_MINUTE: '100000' });
    worker = await startWorker({ SUBSIDY_ACCEPTANCE_DAYS: String(DAYS), REDIS_PREFIX: `${process.env.REDIS_PREFIX}_lapse` });
    alliance = await createAlliance(api, '宣城出海服务联盟（补贴时限）', [DISTRICT]);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sql.end({ timeout: 5 });
  });

  /** An enterprise with a voucher, and a vetted provider of the district serving `country` (the only one: always invited). */
  async function parties(country: string, face = rmb(300_000)) {
    const program = await createProgram(api, { district: DISTRICT });
    const enterprise = await createEnterprise(api, { district: DISTRICT });
    const voucherId = await issueVoucher(api, program, enterprise.id, face);
    const services = ['odi_filing', 'entity_setup'];
    // Room for every engagement of the race (matching invites only providers with free capacity).
    const provider = await createProvider(api, {
      district: DISTRICT,
      categories: ['legal'],
      services,
      countries: [country],
      overseasOffices: [country],
      capacity: 1000,
    });
    await vet(api, alliance, provider);
    /** An engagement awarded with the voucher, paid by bank transfer when `until` says so, and delivered. */
    async function engagement(yuan: number, until: 'awarded' | 'delivered' | 'accepted') {
      const requestId = await createRequest(api, enterprise.token, {
        category: 'legal',
        services,
        countries: [country],
        budget: { min: cny(1), max: rmb(yuan * 2) },
      });
      await publish(api, enterprise.token, requestId);
      const placed = await api.http
        .post(`/v1/requests/${requestId}/bids`)
        .set(bearer(provider.token))
        .send({ price: rmb(yuan), timelineDays: 30, proposal: '备案 ODI filing', milestones: [] })
        .expect(201);
      const awarded = await api.http
        .post(`/v1/requests/${requestId}/award`)
        .set(bearer(enterprise.token))
        .send({ bidId: placed.body.id, voucherId })
        .expect(201);
      const id = awarded.body.id as string;
      if (until === 'awarded') return id;
      const paid = await act(api, enterprise.token, id, 'payments', { method: 'bank_transfer' }).expect(201);
      await act(api, provider.token, id, 'payments/confirm-transfer', { reference: paid.body.reference, amount: awarded.body.enterpriseShare }).expect(200);
      await act(api, provider.token, id, 'deliver').expect(200);
      if (until === 'accepted') await act(api, enterprise.token, id, 'accept').expect(200);
      return id;
    }
    return { program, enterprise, provider, engagement };
  }

  /** As if SUBSIDY_ACCEPTANCE_DAYS had passed since the award: its stored start moved that far and a second into the past. */
  const awardedLongAgo = (ids: string[]) =>
    sql`update engagements set created_at = now() - ${`${DAYS} days 1 second`}::interval where id = any(${ids}::uuid[])`;
  const lapsePostings = async (id: string) =>
    (await sql`select count(*)::int as n from ledger_postings where idempotency_key = ${`engagement:${id}:subsidy-lapsed`}`)[0]!.n as number;
  const notified = async (id: string) =>
    (
      await sql`select payload->>'recipientOrg' as org from outbox
                where queue = 'notifications' and payload->>'event' = 'engagement.subsidy_lapsed' and payload->'data'->>'engagementId' = ${id}`
    ).map((r) => r.org as string);

  it('gives the subsidy of an engagement not accepted in time back to the programme once, tells both sides, and leaves accepted and recent ones alone', async () => {
    const { program, enterprise, provider, engagement } = await parties('PN');
    const stalled = await engagement(100_000, 'awarded');
    const delivered = await engagement(50_000, 'delivered');
    const accepted = await engagement(40_000, 'accepted');
    const recent = await engagement(20_000, 'awarded');
    await awardedLongAgo([stalled, delivered, accepted]);
    const before = await ledgerOf(api, program);
    expect(before.committed).toEqual(rmb(63_000));

    await worker.get(ExpiryService, { strict: false }).sweep(new Date());
    const after = await ledgerOf(api, program);
    // ¥30,000 + ¥15,000 go back: committed → available; the accepted and the recent engagements keep theirs.
    expect(after).toMatchObject({ committed: rmb(18_000), available: { amount: before.available.amount + rmb(45_000).amount } });
    const claims = await sql`select engagement_id, status from subsidy_claims where engagement_id = any(${[stalled, delivered, accepted, recent]}::uuid[])`;
    expect(Object.fromEntries(claims.map((c) => [c.engagement_id, c.status]))).toEqual({
      [stalled]: 'rejected',
      [delivered]: 'rejected',
      [accepted]: 'committed',
      [recent]: 'committed',
    });
    const view = await engagementOf(api, enterprise.token, stalled);
    expect(view).toMatchObject({ status: 'awaiting_payment', subsidy: rmb(30_000), subsidyLapsedAt: expect.any(String) });
    expect((await engagementOf(api, enterprise.token, accepted)).subsidyLapsedAt).toBeNull();
    for (const id of [stalled, delivered]) expect((await notified(id)).sort()).toEqual([enterprise.id, provider.id].sort());
    const [audit] = await sql`select actor_sub, data from audit_log where action = 'engagement.subsidy_lapsed' and entity_id = ${stalled}`;
    expect(audit).toMatchObject({ actor_sub: 'system:expiry', data: { programId: program.id, subsidy: rmb(30_000), acceptanceDays: DAYS } });

    // Once: sweeping again moves nothing; the work can still be accepted, without the subsidy.
    await worker.get(LapseSubsidies, { strict: false }).lapseDue(new Date());
    expect(await ledgerOf(api, program)).toEqual(after);
    expect(await lapsePostings(stalled)).toBe(1);
    expect(await notified(stalled)).toHaveLength(2);
    expect((await act(api, enterprise.token, delivered, 'accept').expect(200)).body).toMatchObject({
      status: 'completed',
      subsidyLapsedAt: expect.any(String),
    });

    // Reconciliation decides only what is still committed: the lapsed claims are not approved later.
    const run = await api.http.post(`/v1/programs/${program.id}/reconciliations`).set(bearer(program.officer)).expect(202);
    const done = await eventually(
      () =>
        api.http
          .get(`/v1/reconciliations/${run.body.runId}`)
          .set(bearer(program.officer))
          .then((r) => r.body),
      (r) => r.status === 'completed' || r.status === 'failed',
      30_000,
    );
    expect(done).toMatchObject({ status: 'completed', counts: { approved: 1, held: 1 } });
    expect((await verifyLedger(sql)).filter((v) => JSON.stringify(v.rows).includes(program.id))).toEqual([]);
  });

  it('races the sweep against an accept on 50 engagements: each subsidy is either kept by the accept or lapsed before it, once', async () => {
    const { program, enterprise, engagement } = await parties('CC', rmb(300_000));
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 5) ids.push(...(await Promise.all(Array.from({ length: 5 }, () => engagement(1_000, 'delivered')))));
    const lapse = worker.get(LapseSubsidies, { strict: false });
    const outcomes: string[] = [];
    /** The sweep starts after `turns` database round trips, so across the tries it lands before, during and after the accept. */
    const sweepAfter = async (turns: number) => {
      for (let k = 0; k < turns; k++) await sql`select 1`;
      return lapse.lapseDue(new Date());
    };
    for (const [i, id] of ids.entries()) {
      await awardedLongAgo([id]);
      const [accept] = await Promise.all([act(api, enterprise.token, id, 'accept'), sweepAfter(i % 10)]);
      expect(accept.status).toBe(200);
      const [row] = await sql`select c.status, e.subsidy_lapsed_at is not null as lapsed, e.accepted_at is not null as accepted,
                                (select min(id) from audit_log where entity_id = ${id} and action = 'engagement.subsidy_lapsed') as lapse_audit,
                                (select min(id) from audit_log where entity_id = ${id} and action = 'engagement.accept') as accept_audit
                              from engagements e join subsidy_claims c on c.engagement_id = e.id where e.id = ${id}`;
      const postings = await lapsePostings(id);
      const keptByAccept = row!.status === 'committed' && !row!.lapsed && postings === 0 && row!.lapse_audit === null;
      // A lapse read before the accept committed but written after it would be logged after the accept.
      const lapsedFirst = row!.status === 'rejected' && row!.lapsed && postings === 1 && BigInt(row!.lapse_audit) < BigInt(row!.accept_audit);
      expect({ id, keptByAccept, lapsedFirst, accepted: row!.accepted }).toEqual({
        id,
        keptByAccept: !lapsedFirst,
        lapsedFirst: !keptByAccept,
        accepted: true,
      });
      outcomes.push(lapsedFirst ? 'lapsed' : 'kept');
    }
    // Nothing left to lapse: the accepted engagements keep their subsidies for reconciliation.
    await lapse.lapseDue(new Date());
    const kept = outcomes.filter((o) => o === 'kept').length;
    expect(await ledgerOf(api, program)).toMatchObject({ committed: rmb(300 * kept) });
    expect((await verifyLedger(sql)).filter((v) => JSON.stringify(v.rows).includes(program.id))).toEqual([]);
  }, 240_000);
});
