import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { act, awardedEngagement, engagementOf } from '../factories/engagements.js';
import { createEnterprise } from '../factories/enterprises.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { cny, createProgram, issueVoucher, rmb } from '../factories/vouchers.js';
import { startApi, type Api } from '../support/harness.js';

describe('engagements paid by bank transfer (no Stripe configured)', () => {
  let api: Api;
  let alliance: { id: string; manager: string };
  let admin: string;

  beforeAll(async () => {
    api = await startApi({ STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined });
    alliance = await createAlliance(api, '徐汇出海服务联盟（付款）', ['xuhui']);
    admin = await api.token('admin', 'platform');
  });
  afterAll(() => api.close());

  it('runs award with a voucher → bank transfer → delivery → acceptance → rating, counting the money once', async () => {
    const xuhui = await createProgram(api);
    const enterprise = await createEnterprise(api, { district: 'xuhui' });
    const voucherId = await issueVoucher(api, xuhui, enterprise.id, rmb(300_000));
    const { provider, engagement } = await awardedEngagement(api, alliance, { country: 'CV', price: rmb(1_200_000).amount, enterprise, voucherId });
    expect(engagement.enterpriseShare).toEqual(rmb(900_000));

    await act(api, enterprise.token, engagement.id, 'payments', { method: 'stripe' }).expect(409);
    const started = await act(api, enterprise.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(201);
    expect(started.body).toEqual({ method: 'bank_transfer', amount: rmb(900_000), reference: expect.stringMatching(/^SW-[0-9A-Z]{10}$/) });
    const reference = started.body.reference as string;
    // Starting again gives the same reference, not a second payment.
    expect((await act(api, enterprise.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body.reference).toBe(reference);

    const confirm = (body: object) => act(api, provider.token, engagement.id, 'payments/confirm-transfer', body);
    expect((await confirm({ reference: 'SW-WRONG00000', amount: rmb(900_000) }).expect(409)).body.detail).toMatch(/reference/);
    expect((await confirm({ reference, amount: rmb(899_999) }).expect(409)).body.detail).toMatch(/does not match/);
    await act(api, enterprise.token, engagement.id, 'payments/confirm-transfer', { reference, amount: rmb(900_000) }).expect(403);
    const paid = await confirm({ reference, amount: rmb(900_000) }).expect(200);
    expect(paid.body).toMatchObject({
      status: 'in_progress',
      payment: { method: 'bank_transfer', status: 'succeeded', received: rmb(900_000), refunded: rmb(0), reference },
    });
    const again = await confirm({ reference, amount: rmb(900_000) }).expect(200);
    expect(again.body.payment.received).toEqual(rmb(900_000));

    const delivered = await act(api, provider.token, engagement.id, 'deliver', { invoiceNumber: 'SH-2026-000123' }).expect(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', invoiceNumber: 'SH-2026-000123' });
    const accepted = await act(api, enterprise.token, engagement.id, 'accept').expect(200);
    expect(accepted.body.status).toBe('completed');
    const rated = await act(api, enterprise.token, engagement.id, 'rating', { score: 5, comment: '备案一次通过 ODI approved first time' }).expect(200);
    expect(rated.body.rating).toMatchObject({ score: 5, comment: '备案一次通过 ODI approved first time' });
    expect((await act(api, enterprise.token, engagement.id, 'rating', { score: 1 }).expect(409)).body.detail).toMatch(/already been rated/);
  });

  it('refuses every transition by the wrong party or from the wrong state', async () => {
    const { enterprise, provider, engagement } = await awardedEngagement(api, alliance, { country: 'ST', price: cny(5_000_000).amount });
    const stranger = await createEnterprise(api);
    await api.http.get(`/v1/engagements/${engagement.id}`).set(bearer(stranger.token)).expect(404);
    await act(api, stranger.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(404);

    // Before payment: no delivery, acceptance, rating or dispute.
    expect((await act(api, provider.token, engagement.id, 'deliver').expect(409)).body.code).toBe('conflict');
    await act(api, enterprise.token, engagement.id, 'accept').expect(409);
    await act(api, enterprise.token, engagement.id, 'rating', { score: 4 }).expect(409);
    await act(api, enterprise.token, engagement.id, 'dispute', { reason: 'x' }).expect(409);
    await act(api, provider.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(403);
    await act(api, enterprise.token, engagement.id, 'rating', { score: 6 }).expect(400);

    const { reference } = (await act(api, enterprise.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, provider.token, engagement.id, 'payments/confirm-transfer', { reference, amount: cny(5_000_000) }).expect(200);
    // The wrong party: enterprises do not deliver, providers do not accept or rate.
    await act(api, enterprise.token, engagement.id, 'deliver').expect(403);
    await act(api, provider.token, engagement.id, 'deliver').expect(200);
    await act(api, provider.token, engagement.id, 'accept').expect(403);
    await act(api, provider.token, engagement.id, 'deliver').expect(409);
    // Money has moved: cancelling is no longer the way out.
    await act(api, enterprise.token, engagement.id, 'cancel').expect(409);

    const disputed = await act(api, enterprise.token, engagement.id, 'dispute', { reason: '交付文件不完整 Deliverables incomplete' }).expect(200);
    expect(disputed.body).toMatchObject({ status: 'disputed', dispute: { status: 'open', by: 'enterprise' } });
    await act(api, enterprise.token, engagement.id, 'accept').expect(409);
    await act(api, enterprise.token, engagement.id, 'dispute/resolve', { outcome: 'won' }).expect(403);
    const resolved = await act(api, admin, engagement.id, 'dispute/resolve', { outcome: 'won' }).expect(200);
    expect(resolved.body).toMatchObject({ status: 'delivered', dispute: { status: 'won' } });
    await act(api, admin, engagement.id, 'dispute/resolve', { outcome: 'lost' }).expect(409);
    expect((await act(api, enterprise.token, engagement.id, 'accept').expect(200)).body.status).toBe('completed');
  });

  it('cancels before payment, refunds partly then refuses more than was received, and cancels on a full refund', async () => {
    const first = await awardedEngagement(api, alliance, { country: 'GW', price: cny(2_000_000).amount });
    expect((await act(api, first.provider.token, first.engagement.id, 'cancel').expect(200)).body.status).toBe('cancelled');
    await act(api, first.enterprise.token, first.engagement.id, 'payments', { method: 'bank_transfer' }).expect(409);

    const { enterprise, provider, engagement } = await awardedEngagement(api, alliance, { country: 'GQ', price: cny(2_000_000).amount });
    await act(api, provider.token, engagement.id, 'refunds', { amount: cny(1) }).expect(409);
    const { reference } = (await act(api, enterprise.token, engagement.id, 'payments', { method: 'bank_transfer' }).expect(201)).body;
    await act(api, provider.token, engagement.id, 'payments/confirm-transfer', { reference, amount: cny(2_000_000) }).expect(200);
    await act(api, enterprise.token, engagement.id, 'refunds', { amount: cny(500_000) }).expect(403);
    const partial = await act(api, provider.token, engagement.id, 'refunds', { amount: cny(500_000), reason: '范围缩小 Scope reduced' }).expect(200);
    expect(partial.body).toMatchObject({ status: 'in_progress', payment: { status: 'partially_refunded', received: cny(2_000_000), refunded: cny(500_000) } });
    expect((await act(api, provider.token, engagement.id, 'refunds', { amount: cny(1_500_001) }).expect(409)).body.detail).toMatch(/1500000/);
    const full = await act(api, provider.token, engagement.id, 'refunds', { amount: cny(1_500_000) }).expect(200);
    expect(full.body).toMatchObject({ status: 'cancelled', payment: { status: 'refunded', refunded: cny(2_000_000) } });
    expect(await engagementOf(api, enterprise.token, engagement.id)).toMatchObject({ status: 'cancelled' });
  });
});
