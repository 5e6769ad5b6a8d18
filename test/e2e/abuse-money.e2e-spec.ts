import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { act, awardedEngagement, engagementOf } from '../factories/engagements.js';
import { createAlliance } from '../factories/providers.js';
import { cny } from '../factories/vouchers.js';
import { startApi, type Api } from '../support/harness.js';

/** Money moved by a logged-in party trying to take more than it is owed. */
describe('payments under attack', () => {
  let api: Api;
  let alliance: { id: string; manager: string };
  beforeAll(async () => {
    api = await startApi({ STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined });
    alliance = await createAlliance(api, '徐汇出海服务联盟（退款）', ['xuhui']);
  });
  afterAll(() => api.close());

  const paidByTransfer = async (country: string) => {
    const round = await awardedEngagement(api, alliance, { country, price: cny(1_000_000).amount });
    const { reference } = (await act(api, round.enterprise.token, round.engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, round.provider.token, round.engagement.id, 'payments/confirm-transfer', { reference, amount: cny(1_000_000) }).expect(200);
    return round;
  };

  it('lets only one of six racing 60% refunds through: the total never exceeds what was received', async () => {
    const { enterprise, provider, engagement } = await paidByTransfer('BQ');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => act(api, provider.token, engagement.id, 'refunds', { amount: cny(600_000), reason: `race ${i}` })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((r) => r.status === 409)) expect(refused.body.detail).toMatch(/At most 400000/);
    expect((await engagementOf(api, enterprise.token, engagement.id)).payment).toMatchObject({ received: cny(1_000_000), refunded: cny(600_000) });
  });

  it('refuses a transfer confirmation on a cancelled engagement', async () => {
    const { enterprise, provider, engagement } = await awardedEngagement(api, alliance, { country: 'BN', price: cny(1_000_000).amount });
    const { reference } = (await act(api, enterprise.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, enterprise.token, engagement.id, 'cancel').expect(200);
    const refused = await act(api, provider.token, engagement.id, 'payments/confirm-transfer', { reference, amount: cny(1_000_000) }).expect(409);
    expect(refused.body.detail).toMatch(/cancelled/);
    expect((await engagementOf(api, enterprise.token, engagement.id)).payment).toMatchObject({
      received: cny(0),
      status: expect.not.stringMatching(/succeeded/),
    });
  });
});
