import { expect } from '@jest/globals';
import { act, awardedEngagement, engagementOf } from '../../factories/engagements.js';
import { bearer, createAlliance } from '../../factories/providers.js';
import type { FakeStripe } from '../../support/fake-stripe.js';
import type { FaultStack } from '../support/stack.js';
import { sleep, waitingOnALock } from './load.js';
import { eventually } from '../../support/harness.js';

export const WEBHOOK_SECRET = 'whsec_seaward_faults';

/**
 * A `payment_intent.succeeded` acknowledged 200 by the api, whose apply in the worker is cut off
 * from Postgres for `cutMs`: the test holds the payment's row lock so the apply is certainly in
 * flight when the worker's database proxy is cut. Stripe never sends the event again.
 */
export async function stripeApplyThroughCut(stack: FaultStack, stripe: FakeStripe, cutMs: number): Promise<void> {
  const api = stack.asApi();
  const alliance = await createAlliance(api, 'G60 科创走廊出海服务联盟', ['songjiang', 'xuhui']);
  const deal = await awardedEngagement(api, alliance, { country: 'BB', price: 1_000_000 });
  await api.http.post(`/v1/providers/${deal.provider.id}/payout-account`).set(bearer(deal.provider.token)).expect(201);
  const started = await act(api, deal.enterprise.token, deal.engagement.id, 'payments', { method: 'stripe' }).expect(201);
  const intentId = (started.body.clientSecret as string).split('_secret_')[0]!;

  const lock = await stack.sql.reserve();
  await lock`begin`;
  await lock`select id from payments where stripe_payment_intent_id = ${intentId} for update`;
  const event = stripe.succeedPaymentIntent(intentId);
  const { payload, header } = stripe.signedWebhook(event, WEBHOOK_SECRET);
  await stack.http.post('/v1/webhooks/stripe').set('Stripe-Signature', header).set('Content-Type', 'application/json').send(payload).expect(200);
  // The worker's apply is waiting on the lock: cut its database, then let go of the lock.
  await waitingOnALock(stack);
  await stack.workerDb.cut();
  await lock`rollback`;
  lock.release();
  await sleep(cutMs); // the outage itself, not a wait for something to happen
  await stack.workerDb.restore();

  await eventually(
    () => stack.sql`select applied_at from stripe_events where id = ${event.id}`,
    (rows) => rows[0]?.applied_at != null,
    30_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\nthe worker said:\n${stack.worker.tail(80)}`);
  });
  const facts = await stack.sql`select kind, amount::int as amount from payment_events where external_id = ${`${intentId}:received`}`;
  expect(facts).toEqual([{ kind: 'received', amount: 1_000_000 }]);
  const engagement = await engagementOf(api, deal.enterprise.token, deal.engagement.id);
  expect(engagement.payment).toMatchObject({ status: 'succeeded' });
}
