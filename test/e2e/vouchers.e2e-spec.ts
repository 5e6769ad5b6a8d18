import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { award, bidFrom, createProgram, issue, issueVoucher, ledgerOf, programBody, rmb } from '../factories/vouchers.js';
import { startApi, type Api } from '../support/harness.js';

describe('voucher programmes: the seed documents’ cases', () => {
  let api: Api;
  let alliance: { id: string; manager: string };

  beforeAll(async () => {
    api = await startApi();
    alliance = await createAlliance(api, '沪上出海服务联盟', ['xuhui', 'jingan', 'pudong']);
  });
  afterAll(() => api.close());

  it('Xuhui: a 1,200,000 RMB in-district purchase gets the 300,000 cap, not 360,000', async () => {
    const xuhui = await createProgram(api);
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, xuhui, enterprise.id, rmb(300_000));
    expect(await ledgerOf(api, xuhui)).toMatchObject({ budget: rmb(10_000_000), reserved: rmb(300_000), available: rmb(9_700_000) });

    const round = await bidFrom(api, alliance, enterprise, { country: 'BT', district: 'xuhui', price: rmb(1_200_000).amount });
    const res = await award(api, enterprise, round, voucherId).expect(201);
    expect(res.body).toMatchObject({
      price: rmb(1_200_000),
      subsidy: rmb(300_000),
      enterpriseShare: rmb(900_000),
      subsidyPayee: { type: 'provider', id: round.provider.id },
      status: 'awaiting_payment',
    });
    expect(await ledgerOf(api, xuhui)).toMatchObject({ reserved: rmb(0), committed: rmb(300_000), available: rmb(9_700_000) });
    const voucher = await api.http.get(`/v1/vouchers/${voucherId}`).set(bearer(enterprise.token)).expect(200);
    expect(voucher.body).toMatchObject({ status: 'used_up', used: rmb(300_000), remaining: rmb(0) });
  });

  it('Xuhui: the same purchase from a Jing’an provider → 409 provider_not_eligible, nothing committed', async () => {
    const xuhui = await createProgram(api);
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, xuhui, enterprise.id, rmb(300_000));
    const before = await ledgerOf(api, xuhui);

    const round = await bidFrom(api, alliance, enterprise, { country: 'NP', district: 'jingan', price: rmb(1_200_000).amount });
    const res = await award(api, enterprise, round, voucherId).expect(409);
    expect(res.body).toMatchObject({ code: 'provider_not_eligible' });
    expect(res.body.detail).toMatch(/jingan/);

    expect(await ledgerOf(api, xuhui)).toEqual(before);
    const voucher = await api.http.get(`/v1/vouchers/${voucherId}`).set(bearer(enterprise.token)).expect(200);
    expect(voucher.body).toMatchObject({ status: 'active', used: rmb(0), remaining: rmb(300_000) });
    const request = await api.http.get(`/v1/requests/${round.requestId}`).set(bearer(enterprise.token)).expect(200);
    expect(request.body.status).toBe('open');
    // Nothing half-done: the same bid can still be awarded, without the voucher.
    const plain = await award(api, enterprise, round).expect(201);
    expect(plain.body).toMatchObject({ subsidy: null, enterpriseShare: rmb(1_200_000), subsidyPayee: null });
  });

  it('Lingang: 50% of 80,000 RMB → 40,000', async () => {
    const lingang = await createProgram(api, {
      district: 'pudong',
      name: '临港新片区出海专业服务支持 Lingang outbound services support',
      rateBps: 5000,
      perVoucherCap: rmb(500_000),
      perEnterpriseCap: rmb(1_000_000),
      providerRule: 'any_vetted',
      enterpriseRule: 'any',
    });
    const enterprise = await createEnterprise(api, { district: 'pudong' });
    const voucherId = await issueVoucher(api, lingang, enterprise.id, rmb(500_000));
    const round = await bidFrom(api, alliance, enterprise, { country: 'LK', district: 'jingan', price: rmb(80_000).amount });
    const res = await award(api, enterprise, round, voucherId).expect(201);
    expect(res.body).toMatchObject({ subsidy: rmb(40_000), enterpriseShare: rmb(40_000) });
    const voucher = await api.http.get(`/v1/vouchers/${voucherId}`).set(bearer(lingang.officer)).expect(200);
    expect(voucher.body).toMatchObject({ status: 'active', used: rmb(40_000), remaining: rmb(460_000) });
    expect(await ledgerOf(api, lingang)).toMatchObject({ reserved: rmb(460_000), committed: rmb(40_000) });
  });

  it('enterprise redemption (通用): the enterprise pays in full and is the payee', async () => {
    const jingan = await createProgram(api, { district: 'jingan', redemption: 'enterprise', providerRule: 'any_vetted', enterpriseRule: 'any' });
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, jingan, enterprise.id, rmb(100_000));
    const round = await bidFrom(api, alliance, enterprise, { country: 'MV', district: 'xuhui', price: rmb(200_000).amount });
    const res = await award(api, enterprise, round, voucherId).expect(201);
    expect(res.body).toMatchObject({
      price: rmb(200_000),
      subsidy: rmb(60_000),
      enterpriseShare: rmb(200_000),
      subsidyPayee: { type: 'enterprise', id: enterprise.id },
    });
  });

  it('two subsidiaries of one group never receive more than the per-enterprise cap together', async () => {
    const program = await createProgram(api, { enterpriseRule: 'any', providerRule: 'any_vetted' });
    const parent = await createEnterprise(api, { name: '宁德示例新能源集团' });
    const parentUscc = parent.body.uscc as string;
    const [a, b] = await Promise.all([
      createEnterprise(api, { name: '示例电池（上海）有限公司', parentUscc }),
      createEnterprise(api, { name: '示例储能（上海）有限公司', parentUscc }),
    ]);
    // The declared relation counts once the district's officer confirms it.
    for (const subsidiary of [a!, b!]) {
      await api.http.post(`/v1/enterprises/${subsidiary.id}/group-confirmation`).set(bearer(program.officer)).send({ parentUscc }).expect(200);
    }
    // Two 200,000 vouchers at once against a 300,000 group cap: exactly one fits.
    const issued = await Promise.all([a!, b!].map((e) => issue(api, program, e.id, rmb(200_000))));
    expect(issued.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = issued.find((r) => r.status === 409)!;
    expect(refused.body.code).toBe('cap_exceeded');
    const first = issued.find((r) => r.status === 201)!.body;
    const other = first.enterpriseId === a!.id ? b! : a!;
    const holder = first.enterpriseId === a!.id ? a! : b!;
    const second = await issueVoucher(api, program, other.id, rmb(100_000));
    expect((await issue(api, program, parent.id, rmb(1))).body.code).toBe('cap_exceeded');

    const rounds = await Promise.all([
      bidFrom(api, alliance, holder, { country: 'FJ', district: 'xuhui', price: rmb(2_000_000).amount }),
      bidFrom(api, alliance, other, { country: 'PG', district: 'xuhui', price: rmb(2_000_000).amount }),
    ]);
    const awards = await Promise.all([award(api, holder, rounds[0], first.id), award(api, other, rounds[1], second)]);
    expect(awards.map((r) => r.status)).toEqual([201, 201]);
    const total = awards.reduce((sum, r) => sum + r.body.subsidy.amount, 0);
    expect(total).toBe(rmb(300_000).amount);
    expect(await ledgerOf(api, program)).toMatchObject({ committed: rmb(300_000), reserved: rmb(0) });
  });

  it('shows the enterprise each applicable voucher beside bids, and the best estimate beside matches', async () => {
    const program = await createProgram(api);
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(300_000));
    const round = await bidFrom(api, alliance, enterprise, { country: 'WS', district: 'xuhui', price: rmb(500_000).amount });

    const bids = await api.http.get(`/v1/requests/${round.requestId}/bids`).set(bearer(enterprise.token)).expect(200);
    expect(bids.body.data[0].costAfterSubsidy).toEqual([{ voucherId, programId: program.id, subsidy: rmb(150_000), cost: rmb(350_000) }]);
    const own = await api.http.get(`/v1/requests/${round.requestId}/bids`).set(bearer(round.provider.token)).expect(200);
    expect(own.body.data[0]).not.toHaveProperty('costAfterSubsidy');

    const matches = await api.http.get(`/v1/requests/${round.requestId}/matches`).set(bearer(enterprise.token)).expect(200);
    const match = matches.body.data.find((m: { providerId: string }) => m.providerId === round.provider.id);
    // At the request's maximum budget of 500,000 RMB: 30% = 150,000.
    expect(match.subsidyEstimate).toEqual(rmb(150_000));
  });
});

describe('voucher programmes: terms, rights and refusals', () => {
  let api: Api;
  let alliance: { id: string; manager: string };

  beforeAll(async () => {
    api = await startApi();
    alliance = await createAlliance(api, '静安全球服务商计划', ['jingan', 'xuhui']);
  });
  afterAll(() => api.close());

  it('refuses bad programme terms with every field named', async () => {
    const officer = await api.token('district_officer', 'xuhui');
    const res = await api.http
      .post('/v1/programs')
      .set(bearer(officer))
      .send(
        programBody({ rateBps: 0, perVoucherCap: { amount: 100, currency: 'USD' }, validTo: '2020-01-01T00:00:00Z', categories: ['legal', 'bogus'], extra: 1 }),
      )
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['rateBps', 'categories.1', 'extra', 'perVoucherCap.currency', 'validTo']));
  });

  it('lets only the district’s officer run its programme; terms are public, the ledger is not', async () => {
    const program = await createProgram(api, { district: 'jingan', providerRule: 'alliance_member', enterpriseRule: 'any' });
    const other = await api.token('district_officer', 'xuhui');
    await api.http
      .post('/v1/programs')
      .set(bearer(other))
      .send(programBody({ district: 'jingan' }))
      .expect(403);
    const enterprise = await createEnterprise(api);
    const stranger = await createEnterprise(api);
    await issue(api, { id: program.id, officer: other }, enterprise.id, rmb(1000)).expect(404);
    await issue(api, { id: program.id, officer: enterprise.token }, enterprise.id, rmb(1000)).expect(403);

    const seen = await api.http.get(`/v1/programs/${program.id}`).set(bearer(enterprise.token)).expect(200);
    expect(seen.body).toMatchObject({ district: 'jingan', rateBps: 3000, redemption: 'provider' });
    expect(seen.body).not.toHaveProperty('ledger');
    const listed = await api.http.get('/v1/programs?district=jingan&limit=100').set(bearer(enterprise.token)).expect(200);
    expect(listed.body.data.map((p: { id: string }) => p.id)).toContain(program.id);

    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(1000));
    await api.http.get(`/v1/vouchers/${voucherId}`).set(bearer(stranger.token)).expect(404);
    await api.http.get(`/v1/vouchers/${voucherId}`).set(bearer(other)).expect(404);
    const mine = await api.http.get('/v1/vouchers').set(bearer(enterprise.token)).expect(200);
    expect(mine.body.data.map((v: { id: string }) => v.id)).toEqual([voucherId]);
    expect((await api.http.get('/v1/vouchers').set(bearer(stranger.token)).expect(200)).body.data).toEqual([]);
  });

  it('refuses vouchers that cannot apply, and applies alliance_member across districts', async () => {
    const program = await createProgram(api, { district: 'jingan', providerRule: 'alliance_member', enterpriseRule: 'any', categories: ['legal'] });
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const stranger = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(50_000));
    const before = await ledgerOf(api, program);

    const tax = await bidFrom(api, alliance, enterprise, {
      country: 'TO',
      district: 'xuhui',
      price: rmb(10_000).amount,
      category: 'accounting_tax',
      services: ['audit'],
    });
    const wrongCategory = await award(api, enterprise, tax, voucherId).expect(409);
    expect(wrongCategory.body).toMatchObject({ code: 'voucher_not_applicable' });
    expect(wrongCategory.body.detail).toMatch(/accounting_tax/);

    const theirs = await bidFrom(api, alliance, stranger, { country: 'KI', district: 'xuhui', price: rmb(10_000).amount });
    expect((await award(api, stranger, theirs, voucherId).expect(409)).body.code).toBe('voucher_not_applicable');
    const unknown = await award(api, stranger, theirs, '00000000-0000-4000-8000-000000000000').expect(409);
    expect(unknown.body.code).toBe('voucher_not_applicable');
    expect(await ledgerOf(api, program)).toEqual(before);

    // A Xuhui firm vetted by an alliance that covers Jing'an qualifies for Jing'an's programme.
    const legal = await bidFrom(api, alliance, enterprise, { country: 'TV', district: 'xuhui', price: rmb(10_000).amount });
    expect((await award(api, enterprise, legal, voucherId).expect(201)).body.subsidy).toEqual(rmb(3_000));
  });

  it('refuses vouchers over the caps, in the wrong currency, past the programme, and for ineligible enterprises', async () => {
    const program = await createProgram(api, { perVoucherCap: rmb(100_000) });
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    expect((await issue(api, program, enterprise.id, rmb(100_001)).expect(409)).body.code).toBe('cap_exceeded');
    const usd = await issue(api, program, enterprise.id, { amount: 100, currency: 'USD' }).expect(400);
    expect(usd.body.errors).toEqual([expect.objectContaining({ path: 'faceValue.currency' })]);
    const late = await issue(api, program, enterprise.id, rmb(1), new Date(Date.now() + 400 * 86_400_000).toISOString()).expect(400);
    expect(late.body.errors).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
    const nobody = await issue(api, program, '00000000-0000-4000-8000-000000000000', rmb(1)).expect(400);
    expect(nobody.body.errors).toEqual([expect.objectContaining({ path: 'enterpriseId' })]);
    const outsider = await createEnterprise(api, { district: 'minhang' });
    expect((await issue(api, program, outsider.id, rmb(1)).expect(409)).body.code).toBe('voucher_not_applicable');
  });

  it('revocation releases the unused remainder to available, once', async () => {
    const program = await createProgram(api, { providerRule: 'any_vetted' });
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(100_000));
    const round = await bidFrom(api, alliance, enterprise, { country: 'SB', district: 'xuhui', price: rmb(100_000).amount });
    await award(api, enterprise, round, voucherId).expect(201);
    const revoked = await api.http.post(`/v1/vouchers/${voucherId}/revoke`).set(bearer(program.officer)).expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', used: rmb(30_000), remaining: rmb(0) });
    expect(revoked.body.releasedAt).not.toBeNull();
    expect(await ledgerOf(api, program)).toMatchObject({ reserved: rmb(0), committed: rmb(30_000), available: rmb(9_970_000) });
    expect((await api.http.post(`/v1/vouchers/${voucherId}/revoke`).set(bearer(program.officer)).expect(409)).body.code).toBe('conflict');
    await api.http.post(`/v1/vouchers/${voucherId}/revoke`).set(bearer(enterprise.token)).expect(403);
  });
});
