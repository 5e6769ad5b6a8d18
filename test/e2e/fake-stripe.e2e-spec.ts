// The fake Stripe server, checked with the real `stripe` SDK: if the fake answered in a shape
// the SDK does not expect (errors, idempotency, webhook signatures), these tests fail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Stripe from 'stripe';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe.js';
import { parseForm } from '../support/fake-stripe/form.js';

const API_KEY = 'sk_test_seaward_fake_0123456789';
const WEBHOOK_SECRET = 'whsec_seaward_test_secret';

describe('fake Stripe, driven by the stripe SDK', () => {
  let fake: FakeStripe;
  let stripe: Stripe;
  const client = (key = API_KEY, maxNetworkRetries = 0) => new Stripe(key, { host: fake.host, port: fake.port, protocol: 'http', maxNetworkRetries });

  beforeAll(async () => {
    fake = await startFakeStripe({ apiKey: API_KEY });
    stripe = client();
  });
  afterAll(() => fake.close());

  const connectedAccount = () =>
    stripe.accounts.create({
      type: 'express',
      country: 'US',
      email: 'provider@example.com',
      capabilities: { transfers: { requested: true } },
      metadata: { providerId: 'prov-1' },
    });

  const destinationCharge = (destination: string, amount = 12_000): Stripe.PaymentIntentCreateParams => ({
    amount,
    currency: 'USD',
    transfer_data: { destination },
    application_fee_amount: 1_200,
    metadata: { engagementId: `eng-${randomUUID()}` },
    automatic_payment_methods: { enabled: true },
  });

  it('parses bracket notation into nested objects and arrays', () => {
    expect(parseForm('a[b][c]=1&list[0]=x&list[1]=y&tags[]=p&tags[]=q&plain=v%20w&empty=')).toEqual({
      a: { b: { c: '1' } },
      list: ['x', 'y'],
      tags: ['p', 'q'],
      plain: 'v w',
      empty: '',
    });
    expect(parseForm('items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2')).toEqual({
      items: [{ price: 'p_1', quantity: '2' }, { price: 'p_2' }],
    });
  });

  it('creates an Express account, retrieves it and gives it an onboarding link', async () => {
    const account = await connectedAccount();
    expect(account.id).toMatch(/^acct_[A-Za-z0-9]{16}$/);
    expect(account).toMatchObject({
      object: 'account',
      type: 'express',
      country: 'US',
      email: 'provider@example.com',
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { transfers: 'inactive' },
      metadata: { providerId: 'prov-1' },
    });
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/accounts', status: 200, stripeVersion: Stripe.API_VERSION });
    expect(sent.body).toEqual({
      type: 'express',
      country: 'US',
      email: 'provider@example.com',
      capabilities: { transfers: { requested: 'true' } },
      metadata: { providerId: 'prov-1' },
    });
    expect(sent.headers.authorization).toBe(`Bearer ${API_KEY}`);
    // The SDK keys every POST, even with retries off.
    expect(sent.idempotencyKey).toMatch(/^stripe-node-retry-/);

    expect(await stripe.accounts.retrieve(account.id)).toEqual(account);

    const link = await stripe.accountLinks.create({
      account: account.id,
      refresh_url: 'https://seaward.test/payout/refresh',
      return_url: 'https://seaward.test/payout/done',
      type: 'account_onboarding',
    });
    expect(link.object).toBe('account_link');
    expect(link.url).toMatch(new RegExp(`^https://connect\\.stripe\\.com/setup/e/${account.id}/[A-Za-z0-9]+$`));
    expect(link.expires_at).toBeGreaterThan(link.created);
  });

  it('answers 404 resource_missing for an unknown id and 404 for an unknown URL', async () => {
    const missing = stripe.paymentIntents.retrieve('pi_missing');
    await expect(missing).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(missing).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such payment_intent: 'pi_missing'" });
    await expect(stripe.rawRequest('GET', '/v1/nothing_here', {})).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      message: expect.stringContaining('Unrecognized request URL (GET: /v1/nothing_here)'),
    });
    const link = stripe.accountLinks.create({ account: 'acct_0000000000000000', type: 'account_onboarding' });
    await expect(link).rejects.toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'account' });
  });

  it('refuses a charge to an unknown destination and an amount below the minimum', async () => {
    await expect(stripe.paymentIntents.create(destinationCharge('acct_0000000000000000'))).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      param: 'transfer_data[destination]',
      message: "No such destination: 'acct_0000000000000000'",
    });
    const account = await connectedAccount();
    await expect(stripe.paymentIntents.create({ ...destinationCharge(account.id), amount: 49, application_fee_amount: 0 })).rejects.toMatchObject({
      code: 'amount_too_small',
      param: 'amount',
      message: 'Amount must be at least $0.50 usd',
    });
  });

  it('creates a destination-charge PaymentIntent once per idempotency key and refuses the key for another body', async () => {
    const account = await connectedAccount();
    const params = destinationCharge(account.id);
    const key = `pay-${randomUUID()}`;
    const count = fake.paymentIntents.size;

    const first = await stripe.paymentIntents.create(params, { idempotencyKey: key });
    expect(first.id).toMatch(/^pi_[A-Za-z0-9]{24}$/);
    expect(first.client_secret).toMatch(new RegExp(`^${first.id}_secret_[A-Za-z0-9]+$`));
    expect(first).toMatchObject({
      object: 'payment_intent',
      status: 'requires_payment_method',
      amount: 12_000,
      currency: 'usd',
      transfer_data: { destination: account.id },
      application_fee_amount: 1_200,
      metadata: params.metadata,
      automatic_payment_methods: { enabled: true },
      latest_charge: null,
      livemode: false,
    });
    const sent = fake.requests.at(-1)!;
    expect(sent.idempotencyKey).toBe(key);
    expect(sent.rawBody).toContain(`transfer_data[destination]=${account.id}`);
    expect(sent.rawBody).toContain(`metadata[engagementId]=${params.metadata!.engagementId}`);
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();

    const again = await stripe.paymentIntents.create(params, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(again.client_secret).toBe(first.client_secret);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(fake.requests.at(-1)!.replayed).toBe(true);
    expect(fake.paymentIntents.size).toBe(count + 1);

    const reused = stripe.paymentIntents.create({ ...params, amount: 13_000 }, { idempotencyKey: key });
    await expect(reused).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(reused).rejects.toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
    expect(fake.paymentIntents.size).toBe(count + 1);
    expect(await stripe.paymentIntents.retrieve(first.id)).toMatchObject({ id: first.id, amount: 12_000 });
  });

  it('refunds part of a paid charge, then refuses more than is left, and replays the refusal', async () => {
    const account = await connectedAccount();
    const intent = await stripe.paymentIntents.create(destinationCharge(account.id));
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
      statusCode: 400,
      message: `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
    });
    const charge = fake.succeedPaymentIntent(intent.id).data.object.latest_charge as string;

    const partial = await stripe.refunds.create(
      { payment_intent: intent.id, amount: 4_000, metadata: { why: 'partial' } },
      { idempotencyKey: `refund-${intent.id}-1` },
    );
    expect(partial.id).toMatch(/^re_/);
    expect(partial).toMatchObject({
      object: 'refund',
      status: 'succeeded',
      amount: 4_000,
      charge,
      payment_intent: intent.id,
      currency: 'usd',
      metadata: { why: 'partial' },
    });

    const overKey = `refund-${intent.id}-2`;
    const over = stripe.refunds.create({ payment_intent: intent.id, amount: 8_001 }, { idempotencyKey: overKey });
    await expect(over).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(over).rejects.toMatchObject({
      statusCode: 400,
      param: 'amount',
      message: 'Refund amount ($80.01) is greater than unrefunded amount on charge ($80.00)',
    });
    const replayed = stripe.refunds.create({ payment_intent: intent.id, amount: 8_001 }, { idempotencyKey: overKey });
    await expect(replayed).rejects.toMatchObject({ statusCode: 400, param: 'amount' });
    expect(fake.requests.at(-1)!.replayed).toBe(true);

    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(8_000);
    expect(fake.charges.get(charge)).toMatchObject({ amount_refunded: 12_000, refunded: true });
    await expect(stripe.refunds.create({ charge, amount: 1 })).rejects.toMatchObject({ code: 'charge_already_refunded' });

    const refunded = fake.events.filter((e): e is Stripe.ChargeRefundedEvent => e.type === 'charge.refunded' && e.data.object.id === charge);
    expect(refunded.map((e) => [e.data.object.amount_refunded, e.data.object.refunded])).toEqual([
      [4_000, false],
      [12_000, true],
    ]);
    expect(refunded[0].request).toEqual({ id: expect.stringMatching(/^req_/), idempotency_key: `refund-${intent.id}-1` });
  });

  it('answers a wrong API key with 401, which the SDK raises as StripeAuthenticationError', async () => {
    const denied = client('sk_test_wrong_key_00000000').paymentIntents.retrieve('pi_any');
    await expect(denied).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    await expect(denied).rejects.toMatchObject({ statusCode: 401, message: expect.stringMatching(/^Invalid API Key provided: sk_test_\*+0000$/) });
  });

  it('lets the SDK retry an injected 500 with the same idempotency key, creating the object once', async () => {
    const account = await connectedAccount();
    fake.failNext('POST /v1/payment_intents', 500, { type: 'api_error', message: 'An unknown error occurred' });
    const count = fake.paymentIntents.size;
    const start = fake.requests.length;
    const intent = await client(API_KEY, 1).paymentIntents.create(destinationCharge(account.id));
    const attempts = fake.requests.slice(start);
    expect(attempts.map((r) => r.status)).toEqual([500, 200]);
    expect(attempts[0].idempotencyKey).toMatch(/^stripe-node-retry-/);
    expect(attempts[1].idempotencyKey).toBe(attempts[0].idempotencyKey);
    expect(fake.paymentIntents.size).toBe(count + 1);
    expect(fake.paymentIntents.get(intent.id)).toBeDefined();

    fake.failNext('/v1/payment_intents', 402, { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' });
    const declined = stripe.paymentIntents.create(destinationCharge(account.id));
    await expect(declined).rejects.toBeInstanceOf(Stripe.errors.StripeCardError);
    await expect(declined).rejects.toMatchObject({ code: 'card_declined', statusCode: 402 });
  });

  it('plays Stripe for payments, declines, disputes, Dashboard refunds and onboarding', async () => {
    const account = await connectedAccount();
    const onboarded = fake.accountUpdatedEvent(account.id, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
    expect(onboarded).toMatchObject({ type: 'account.updated', account: account.id, data: { object: { id: account.id, charges_enabled: true } } });
    expect(onboarded.data.previous_attributes).toMatchObject({ charges_enabled: false, payouts_enabled: false, details_submitted: false });
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({ charges_enabled: true, capabilities: { transfers: 'active' } });

    const intent = await stripe.paymentIntents.create(destinationCharge(account.id));
    const failed = fake.paymentFailedEvent(intent.id);
    expect(failed).toMatchObject({
      type: 'payment_intent.payment_failed',
      data: { object: { status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } } },
    });

    const paid = fake.succeedPaymentIntent(intent.id);
    expect(paid.id).toMatch(/^evt_/);
    expect(paid).toMatchObject({
      object: 'event',
      type: 'payment_intent.succeeded',
      livemode: false,
      api_version: Stripe.API_VERSION,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: { id: intent.id, status: 'succeeded', amount_received: 12_000, metadata: intent.metadata } },
    });
    const withCharge = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    expect(withCharge.latest_charge).toMatchObject({
      object: 'charge',
      id: paid.data.object.latest_charge,
      amount: 12_000,
      paid: true,
      payment_intent: intent.id,
      transfer_data: { destination: account.id },
    });

    const opened = fake.disputeEvent(intent.id, 'needs_response');
    expect(opened).toMatchObject({
      type: 'charge.dispute.created',
      data: { object: { object: 'dispute', status: 'needs_response', amount: 12_000, payment_intent: intent.id } },
    });
    expect(opened.data.object.id).toMatch(/^dp_/);
    const lost = fake.disputeEvent(intent.id, 'lost');
    expect(lost).toMatchObject({ type: 'charge.dispute.closed', data: { object: { id: opened.data.object.id, status: 'lost' } } });

    const refunded = fake.refundEvent(intent.id, 500);
    expect(refunded).toMatchObject({
      type: 'charge.refunded',
      data: { object: { amount: 12_000, amount_refunded: 500, refunded: false, payment_intent: intent.id } },
    });
  });

  it('signs events so that constructEvent accepts them and rejects a tampered or stale payload', async () => {
    const account = await connectedAccount();
    const intent = await stripe.paymentIntents.create(destinationCharge(account.id));
    const event = fake.succeedPaymentIntent(intent.id);

    const { payload, header } = fake.signedWebhook(event, WEBHOOK_SECRET);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(stripe.webhooks.constructEvent(payload, header, WEBHOOK_SECRET)).toEqual(event);
    expect(stripe.webhooks.constructEvent(Buffer.from(payload), header, WEBHOOK_SECRET).id).toBe(event.id);

    const tampered = payload.replace('"amount_received": 12000', '"amount_received": 1');
    expect(tampered).not.toBe(payload);
    expect(() => stripe.webhooks.constructEvent(tampered, header, WEBHOOK_SECRET)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => stripe.webhooks.constructEvent(payload, header, 'whsec_other')).toThrow(/No signatures found matching the expected signature/);
    const stale = fake.signedWebhook(event, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 600);
    expect(() => stripe.webhooks.constructEvent(stale.payload, stale.header, WEBHOOK_SECRET)).toThrow('Timestamp outside the tolerance zone');
  });
});
