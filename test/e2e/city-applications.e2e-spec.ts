import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { JOBS } from '../../src/jobs/job-names.js';
import { ApplicationsService } from '../../src/modules/city/applications.service.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { award, bidFrom, createProgram, issue, ledgerOf, rmb } from '../factories/vouchers.js';
import { eventually, openDatabase, startApi, startWorker, type Api } from '../support/harness.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const application = (overrides: Record<string, unknown> = {}) => ({
  need: '也门子公司设立与 ODI 备案 Yemen subsidiary and ODI filing',
  country: 'YE',
  service: 'odi_filing',
  estimatedPrice: rmb(400_000),
  ...overrides,
});

/** Issue 28: enterprises apply for vouchers; programmes that target; the SLA flag. Districts huangpu and chongming; countries YE, AM. */
describe('voucher applications and programme eligibility', () => {
  let api: Api;
  let worker: INestApplicationContext;
  const database = openDatabase();
  const outboxEvents = async (event: string, applicationId: string) =>
    (await database.db.execute(
      sql`select payload from outbox where payload->>'event' = ${event} and payload->'data'->>'applicationId' = ${applicationId}`,
    )) as unknown[];

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ APPLICATION_SLA_DAYS: '10', REDIS_PREFIX: `${process.env.REDIS_PREFIX}_applications` });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await database.close();
  });

  it('an SME applies, the officer approves, and the voucher is issued as a direct issue would be: same ledger, same caps', async () => {
    const program = await createProgram(api, { district: 'huangpu', eligibility: { smeOnly: true } });
    const enterprise = await createEnterprise(api, { district: 'huangpu', sme: true });
    const applied = await api.http.post(`/v1/programs/${program.id}/applications`).set(bearer(enterprise.token)).send(application()).expect(201);
    expect(applied.body).toMatchObject({ status: 'pending', district: 'huangpu', enterpriseId: enterprise.id, estimatedPrice: rmb(400_000), voucherId: null });
    const id = applied.body.id as string;
    expect(await outboxEvents('application.received', id)).toHaveLength(1);

    // Above the programme's cap: refused as a direct issue is, and the application still waits.
    const tooMuch = await api.http
      .post(`/v1/applications/${id}/approve`)
      .set(bearer(program.officer))
      .send({ faceValue: rmb(300_001), expiresAt: inDays(90) })
      .expect(409);
    expect(tooMuch.body.code).toBe('cap_exceeded');
    expect((await api.http.get(`/v1/applications/${id}`).set(bearer(enterprise.token)).expect(200)).body.status).toBe('pending');

    const approved = await api.http
      .post(`/v1/applications/${id}/approve`)
      .set(bearer(program.officer))
      .send({ faceValue: rmb(120_000), expiresAt: inDays(90) })
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', voucherId: expect.any(String), decidedAt: expect.any(String) });
    const voucher = await api.http.get(`/v1/vouchers/${approved.body.voucherId}`).set(bearer(enterprise.token)).expect(200);
    expect(voucher.body).toMatchObject({ programId: program.id, enterpriseId: enterprise.id, faceValue: rmb(120_000), status: 'active' });
    expect(await ledgerOf(api, program)).toMatchObject({ budget: rmb(10_000_000), reserved: rmb(120_000), available: rmb(9_880_000) });
    expect(await outboxEvents('application.approved', id)).toHaveLength(1);

    // Decided once: a second answer is a conflict; the enterprise sees its application, another enterprise does not.
    await api.http.post(`/v1/applications/${id}/reject`).set(bearer(program.officer)).send({ reason: 'late' }).expect(409);
    const mine = await api.http.get('/v1/applications').set(bearer(enterprise.token)).expect(200);
    expect(mine.body.data.map((a: { id: string }) => a.id)).toEqual([id]);
    const stranger = await createEnterprise(api, { district: 'huangpu' });
    await api.http.get(`/v1/applications/${id}`).set(bearer(stranger.token)).expect(404);
    const otherOfficer = await api.token('district_officer', 'chongming');
    await api.http
      .post(`/v1/applications/${id}/approve`)
      .set(bearer(otherOfficer))
      .send({ faceValue: rmb(1), expiresAt: inDays(9) })
      .expect(404);
  });

  it('refuses a non-SME under an SME-only programme with 409 enterprise_not_eligible naming the rule, whether it applies or is issued to', async () => {
    const program = await createProgram(api, { district: 'huangpu', eligibility: { smeOnly: true } });
    const large = await createEnterprise(api, { district: 'huangpu', sme: false });
    const refused = await api.http.post(`/v1/programs/${program.id}/applications`).set(bearer(large.token)).send(application()).expect(409);
    expect(refused.body).toMatchObject({ code: 'enterprise_not_eligible', detail: expect.stringContaining('smeOnly') });
    const direct = await issue(api, program, large.id, rmb(10_000)).expect(409);
    expect(direct.body).toMatchObject({ code: 'enterprise_not_eligible', detail: expect.stringContaining('smeOnly') });
    expect(await ledgerOf(api, program)).toMatchObject({ reserved: rmb(0), available: rmb(10_000_000) });
  });

  it('approves an application once when ten approvals race: one voucher stays, the others are refused and their money returned', async () => {
    const program = await createProgram(api, { district: 'huangpu' });
    const enterprise = await createEnterprise(api, { district: 'huangpu' });
    const { body } = await api.http.post(`/v1/programs/${program.id}/applications`).set(bearer(enterprise.token)).send(application()).expect(201);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.http
          .post(`/v1/applications/${body.id}/approve`)
          .set(bearer(program.officer))
          .send({ faceValue: rmb(10_000), expiresAt: inDays(30) }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const winner = answers.find((a) => a.status === 200)!.body as { voucherId: string };
    const vouchers = await api.http.get('/v1/vouchers').query({ programId: program.id, limit: 100 }).set(bearer(program.officer)).expect(200);
    const active = vouchers.body.data.filter((v: { status: string }) => v.status === 'active');
    expect(active.map((v: { id: string }) => v.id)).toEqual([winner.voucherId]);
    expect(await ledgerOf(api, program)).toMatchObject({ reserved: rmb(10_000), available: rmb(9_990_000) });
  });

  it('a rejected application tells the enterprise why', async () => {
    const program = await createProgram(api, { district: 'chongming' });
    const enterprise = await createEnterprise(api, { district: 'chongming' });
    const { body } = await api.http.post(`/v1/programs/${program.id}/applications`).set(bearer(enterprise.token)).send(application()).expect(201);
    const rejected = await api.http
      .post(`/v1/applications/${body.id}/reject`)
      .set(bearer(program.officer))
      .send({ reason: '超出年度范围 out of scope' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '超出年度范围 out of scope', voucherId: null });
    expect(await outboxEvents('application.rejected', body.id)).toHaveLength(1);
  });

  it('checks targets and sectors on application and award: the Middle East admits Yemen, not Armenia', async () => {
    const program = await createProgram(api, {
      district: 'chongming',
      providerRule: 'any_vetted',
      enterpriseRule: 'any',
      eligibility: { regions: ['middle_east'], sectors: ['C'] },
    });
    const enterprise = await createEnterprise(api, { district: 'chongming', sector: '38' });
    const armenia = await api.http
      .post(`/v1/programs/${program.id}/applications`)
      .set(bearer(enterprise.token))
      .send(application({ country: 'AM' }))
      .expect(409);
    expect(armenia.body.detail).toContain('countries');
    const bank = await createEnterprise(api, { district: 'chongming', sector: '66' });
    const sector = await api.http.post(`/v1/programs/${program.id}/applications`).set(bearer(bank.token)).send(application()).expect(409);
    expect(sector.body.detail).toContain('sectors');

    const voucherId = (await issue(api, program, enterprise.id, rmb(100_000)).expect(201)).body.id as string;
    const alliance = await createAlliance(api, '崇明出海服务联盟', ['chongming']);
    const elsewhere = await bidFrom(api, alliance, enterprise, { country: 'AM', district: 'chongming', price: rmb(50_000).amount });
    const outside = await award(api, enterprise, elsewhere, voucherId).expect(409);
    expect(outside.body).toMatchObject({ code: 'enterprise_not_eligible', detail: expect.stringContaining('countries') });
    const yemen = await bidFrom(api, alliance, enterprise, { country: 'YE', district: 'chongming', price: rmb(50_000).amount });
    const inside = await award(api, enterprise, yemen, voucherId).expect(201);
    expect(inside.body.subsidy).toEqual(rmb(15_000));
  });

  it('flags an application unanswered past APPLICATION_SLA_DAYS to its district, once, by the scheduled job', async () => {
    const program = await createProgram(api, { district: 'chongming' });
    const enterprise = await createEnterprise(api, { district: 'chongming' });
    const { body } = await api.http.post(`/v1/programs/${program.id}/applications`).set(bearer(enterprise.token)).send(application()).expect(201);
    const fresh = await api.http.post(`/v1/programs/${program.id}/applications`).set(bearer(enterprise.token)).send(application()).expect(201);
    await database.db.execute(sql`update voucher_applications set created_at = now() - interval '11 days' where id = ${body.id}::uuid`);

    const queue = worker.get<Queue>(getQueueToken('city'), { strict: false });
    await queue.add(JOBS.city.flagOverdueApplications, {});
    const flagged = await eventually(
      async () => (await api.http.get(`/v1/applications/${body.id}`).set(bearer(program.officer)).expect(200)).body,
      (a) => a.slaFlaggedAt !== null,
    );
    expect(flagged.status).toBe('pending');
    await worker.get(ApplicationsService, { strict: false }).flagOverdue(new Date());
    await queue.add(JOBS.city.flagOverdueApplications, {});
    await worker.get(ApplicationsService, { strict: false }).flagOverdue(new Date());
    const events = (await outboxEvents('application.overdue', body.id)) as { payload: { recipientOrg: string } }[];
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.recipientOrg).toBe('chongming');
    expect((await api.http.get(`/v1/applications/${fresh.body.id}`).set(bearer(program.officer)).expect(200)).body.slaFlaggedAt).toBeNull();
  });
});
