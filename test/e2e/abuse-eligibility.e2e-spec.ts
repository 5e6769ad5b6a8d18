import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq } from 'drizzle-orm';
import { subsidyClaims } from '../../src/db/schema/index.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { award, bidFrom, createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { openDatabase, startApi, type Api } from '../support/harness.js';

/** A provider must not edit its way into a district's subsidy. */
describe('subsidy eligibility is what an alliance vetted', () => {
  let api: Api;
  let jingan: { id: string; manager: string };
  let xuhuiAlliance: { id: string; manager: string };
  const database = openDatabase();
  beforeAll(async () => {
    api = await startApi();
    jingan = await createAlliance(api, '静安全球服务商计划', ['jingan']);
    xuhuiAlliance = await createAlliance(api, '徐汇区企业出海服务联盟', ['xuhui']);
  });
  afterAll(async () => {
    await api.close();
    await database.close();
  });

  it("refuses a Xuhui in-district voucher to a Jing'an-vetted provider that moved itself to Xuhui, until Xuhui's alliance vets it", async () => {
    const program = await createProgram(api);
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, program, enterprise.id, rmb(300_000));
    const round = await bidFrom(api, jingan, enterprise, { country: 'AE', district: 'jingan', price: rmb(1_000_000).amount });

    expect((await award(api, enterprise, round, voucherId).expect(409)).body.code).toBe('provider_not_eligible');
    await api.http.patch(`/v1/providers/${round.provider.id}`).set(bearer(round.provider.token)).send({ district: 'xuhui' }).expect(200);
    const moved = await award(api, enterprise, round, voucherId).expect(409);
    expect(moved.body).toMatchObject({ code: 'provider_not_eligible', detail: expect.stringMatching(/provider is in jingan/) });

    // Xuhui's alliance vets the provider as it now is: the move takes effect, and the award is subsidised.
    await api.http.post(`/v1/alliances/${xuhuiAlliance.id}/applications`).set(bearer(round.provider.token)).send({}).expect(201);
    await api.http
      .post(`/v1/alliances/${xuhuiAlliance.id}/members/${round.provider.id}/approve`)
      .set(bearer(xuhuiAlliance.manager))
      .send({ vettedUntil: new Date(Date.now() + 365 * 86_400_000).toISOString() })
      .expect(200);
    const awarded = await award(api, enterprise, round, voucherId).expect(201);
    expect(awarded.body.subsidy).toMatchObject({ amount: rmb(300_000).amount });

    const [claim] = await database.db.select().from(subsidyClaims).where(eq(subsidyClaims.engagementId, awarded.body.id));
    expect(claim!.eligibility).toEqual({
      category: 'legal',
      providerDistrict: 'xuhui',
      providerCategories: ['legal'],
      providerAllianceDistricts: expect.arrayContaining(['xuhui', 'jingan']),
      providerVetted: true,
    });
  });
});
