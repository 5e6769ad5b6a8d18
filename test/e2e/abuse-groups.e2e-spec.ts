import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer } from '../factories/providers.js';
import { createProgram, issue, rmb } from '../factories/vouchers.js';
import { startApi, type Api } from '../support/harness.js';

/** An enterprise must not draw on another group's subsidy cap by declaring itself part of it. */
describe('group relations are confirmed by the district', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it("does not let a self-declared subsidiary consume a competitor's group cap; the officer's confirmation joins it", async () => {
    const program = await createProgram(api, { enterpriseRule: 'any', providerRule: 'any_vetted' });
    const competitor = await createEnterprise(api, { name: '竞争对手集团有限公司' });
    await issue(api, program, competitor.id, rmb(300_000)).expect(201); // the competitor's group uses its whole cap

    const squatter = await createEnterprise(api, { name: '自称子公司有限公司', parentUscc: competitor.body.uscc });
    expect(squatter.body).toMatchObject({ parentUscc: competitor.body.uscc, parentUsccConfirmed: false });
    // Unconfirmed, the declaration is ignored: the squatter has a cap of its own and the competitor's is untouched.
    await issue(api, program, squatter.id, rmb(100_000)).expect(201);
    expect((await issue(api, program, competitor.id, rmb(1))).body.code).toBe('cap_exceeded');

    // Only the enterprise's own district officer may confirm, and only what it declared.
    const otherOfficer = await api.token('district_officer', 'jingan');
    await api.http.post(`/v1/enterprises/${squatter.id}/group-confirmation`).set(bearer(otherOfficer)).send({ parentUscc: competitor.body.uscc }).expect(404);
    await api.http.post(`/v1/enterprises/${squatter.id}/group-confirmation`).set(bearer(squatter.token)).send({ parentUscc: competitor.body.uscc }).expect(403);
    await api.http.post(`/v1/enterprises/${squatter.id}/group-confirmation`).set(bearer(program.officer)).send({ parentUscc: squatter.body.uscc }).expect(409);
    const confirmed = await api.http
      .post(`/v1/enterprises/${squatter.id}/group-confirmation`)
      .set(bearer(program.officer))
      .send({ parentUscc: competitor.body.uscc })
      .expect(200);
    expect(confirmed.body.parentUsccConfirmed).toBe(true);
    // Confirmed, it shares the group's cap, which is used up.
    expect((await issue(api, program, squatter.id, rmb(1))).body.code).toBe('cap_exceeded');
  });
});
