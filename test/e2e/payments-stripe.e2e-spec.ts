import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eq } from 'drizzle-orm';
import { paymentEvents, stripeEvents } from '../../src/db/schema/index.js';
import { act, awardedEngagement, engagementOf } from '../factories/engagements.js';
import { bearer, createAlliance } from '../factories/providers.js';
import { cny } from '../factories/vouchers.js';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe.js';
import { eventually, openDatabase, startApi, startWorker, type Api } from '../support/harness.js';

const WEBHOOK_SECRET = 'whsec_seaward_test';

describe('payments through Stripe (the real SDK against a local Stripe-compatible server)', () => {
  let stripe: FakeStripe;
  let api: Api;
  let worker: INestApplicationContext;
  let alliance: { id: string; manager: string };
  const database = openDatabase();

  beforeAll(async () => {
    stripe = await startFakeStripe({ apiKey: 'sk_test_seaward' });
    const env = { STRIPE_SECRET_KEY: 'sk_test_seaward', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url, STRIPE_PLATFORM_FEE_BPS: '500' };
    api = await startApi(env);
    worker = await startWorker({ ...env, REDIS_PREFIX: `${process.env.REDIS_PREFIX}_stripe` });
    alliance = await createAlliance(api, 'G60 科创走廊出海服务联盟', ['songjiang', 'xuhui']);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await stripe.close();
    await database.close();
  });

  const deliver = (event: object, secret = WEBHOOK_SECRET) => {
    const { payload, header } = stripe.signedWebhook(event, secret);
    return api.http.post('/v1/webhooks/stripe').set('Stripe-Signature', header).set('Content-Type', 'application/json').send(payload);
  };

  /** An engagement paid by card: the provider onboarded, the enterprise started a PaymentIntent. */
  async function cardEngagement(country: string, price: number) {
    const deal = await awardedEngagement(api, alliance, { country, price });
    const onboard = await api.http.post(`/v1/providers/${deal.provider.id}/payout-account`).set(bearer(deal.provider.token)).expect(201);
    expect(onboard.body).toEqual({ accountId: expect.stringMatching(/^acct_/), url: expect.stringContaining(onboard.body.accountId) });
    const started = await act(api, deal.enterprise.token, deal.engagement.id, 'payments', { method: 'stripe' }).expect(201);
    const intentId = (started.body.clientSecret as string).split('_secret_')[0]!;
    return { ...deal, accountId: onboard.body.accountId as string, intentId, clientSecret: started.body.clientSecret as string };
  }

  it('onboards the provider and creates one destination-charge PaymentIntent per engagement, with idempotency keys', async () => {
    const { engagement, enterprise, provider, accountId, intentId, clientSecret } = await cardEngagement('BB', 1_000_000);
    const intent = stripe.paymentIntents.get(intentId)!;
    expect(intent).toMatchObject({
      amount: 1_000_000,
      currency: 'cny',
      application_fee_amount: 50_000,
      transfer_data: { destination: accountId },
      metadata: { engagementId: engagement.id },
    });
    const again = await act(api, enterprise.token, engagement.id, 'payments', { method: 'stripe' }).expect(201);
    expect(again.body.clientSecret).toBe(clientSecret);
    expect([...stripe.paymentIntents.values()].filter((pi) => pi.metadata.engagementId === engagement.id)).toHaveLength(1);
    const creates = stripe.requests.filter((r) => r.method === 'POST' && (r.path === '/v1/payment_intents' || r.path === '/v1/accounts'));
    expect(new Set(creates.map((r) => r.path))).toEqual(new Set(['/v1/payment_intents', '/v1/accounts']));
    expect(creates.filter((r) => !r.idempotencyKey?.startsWith('seaward:'))).toEqual([]);
    // Onboarding again reuses the account.
    const second = await api.http.post(`/v1/providers/${provider.id}/payout-account`).set(bearer(provider.token)).expect(201);
    expect(second.body.accountId).toBe(accountId);
    await api.http.post(`/v1/providers/${provider.id}/payout-account`).set(bearer(enterprise.token)).expect(403);
  });

  it('cancels the pending PaymentIntent when the engagement is cancelled, so the card cannot be charged after', async () => {
    const { engagement, enterprise, intentId } = await cardEngagement('BF', 700_000);
    const cancelled = await act(api, enterprise.token, engagement.id, 'cancel').expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(stripe.paymentIntents.get(intentId)).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(() => stripe.succeedPaymentIntent(intentId)).toThrow(/already canceled/);
  });

  it('refuses webhooks with a tampered body, a wrong secret or no signature', async () => {
    const { intentId } = await cardEngagement('BS', 600_000);
    const event = stripe.succeedPaymentIntent(intentId);
    const { payload, header } = stripe.signedWebhook(event, WEBHOOK_SECRET);
    const tampered = payload.replace('"amount_received": 600000', '"amount_received": 1');
    expect(tampered).not.toBe(payload);
    const bad = await api.http.post('/v1/webhooks/stripe').set('Stripe-Signature', header).set('Content-Type', 'application/json').send(tampered).expect(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ path: 'Stripe-Signature' })] });
    await deliver(event, 'whsec_wrong').expect(400);
    await api.http.post('/v1/webhooks/stripe').set('Content-Type', 'application/json').send(payload).expect(400);
    expect(await database.db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toEqual([]);
  });

  it('applies the same event delivered five times once', async () => {
    const { engagement, enterprise, intentId } = await cardEngagement('BZ', 800_000);
    const event = stripe.succeedPaymentIntent(intentId);
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const view = await eventually(
      () => engagementOf(api, enterprise.token, engagement.id),
      (e) => e.status === 'in_progress',
    );
    expect(view).toMatchObject({
      status: 'in_progress',
      payment: { method: 'stripe', status: 'succeeded', received: cny(800_000), stripePaymentIntentId: intentId },
    });
    const applied = await eventually(
      () => database.db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id)),
      (rows) => rows[0]?.appliedAt != null,
    );
    expect(applied).toHaveLength(1);
    expect(applied[0]!.outcome).toBe('applied');
    const facts = await database.db.select().from(paymentEvents).where(eq(paymentEvents.engagementId, engagement.id));
    expect(facts.map((f) => [f.kind, f.amount])).toEqual([['received', 800_000]]);
  });

  it('ends in the same state whatever order the events arrive in', async () => {
    const scenario = async (country: string, order: number[]) => {
      const { engagement, enterprise, intentId } = await cardEngagement(country, 400_000);
      const events = [
        stripe.succeedPaymentIntent(intentId),
        stripe.refundEvent(intentId, 100_000),
        stripe.disputeEvent(intentId, 'needs_response'),
        stripe.disputeEvent(intentId, 'won'),
      ];
      for (const i of order) await deliver(events[i]!).expect(200);
      const ids = events.map((e) => e.id);
      await eventually(
        () => database.db.select().from(stripeEvents),
        (rows) => ids.every((id) => rows.find((r) => r.id === id)?.appliedAt != null),
      );
      return engagementOf(api, enterprise.token, engagement.id);
    };
    const inOrder = await scenario('DM', [0, 1, 2, 3]);
    const reversed = await scenario('GD', [3, 2, 1, 0]);
    const shuffled = await scenario('LC', [1, 3, 0, 2]);
    const final = (e: Record<string, unknown>) => ({
      status: e.status,
      payment: { ...(e.payment as object), id: undefined, stripePaymentIntentId: undefined },
      dispute: e.dispute,
    });
    expect(inOrder).toMatchObject({
      status: 'in_progress',
      payment: { status: 'partially_refunded', received: cny(400_000), refunded: cny(100_000) },
      dispute: { status: 'won' },
    });
    expect(final(reversed)).toEqual(final(inOrder));
    expect(final(shuffled)).toEqual(final(inOrder));
  });

  it('refunds through Stripe once, and acknowledges events it does not use', async () => {
    const { engagement, provider, intentId } = await cardEngagement('VC', 300_000);
    await deliver(stripe.succeedPaymentIntent(intentId)).expect(200);
    await eventually(
      () => engagementOf(api, provider.token, engagement.id),
      (e) => e.status === 'in_progress',
    );
    const refunded = await act(api, provider.token, engagement.id, 'refunds', { amount: cny(75_000), reason: 'partial' }).expect(200);
    expect(refunded.body.payment).toMatchObject({ status: 'partially_refunded', refunded: cny(75_000) });
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === intentId).map((r) => r.amount)).toEqual([75_000]);

    const customer = { id: 'cus_seaward', object: 'customer' };
    const unusedEvent = {
      id: 'evt_unused_type',
      object: 'event',
      type: 'customer.created',
      created: Math.floor(Date.now() / 1000),
      data: { object: customer },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
    const unused = await deliver(unusedEvent).expect(200);
    expect(unused.body).toEqual({ received: true, duplicate: false });
    const account = (await api.http.post(`/v1/providers/${provider.id}/payout-account`).set(bearer(provider.token)).expect(201)).body.accountId;
    await deliver(stripe.accountUpdatedEvent(account, { charges_enabled: true })).expect(200);
    const rows = await eventually(
      () => database.db.select().from(stripeEvents).where(eq(stripeEvents.id, 'evt_unused_type')),
      (r) => r[0]?.appliedAt != null,
    );
    expect(rows[0]!.outcome).toBe('ignored: unused type');
  });
});
