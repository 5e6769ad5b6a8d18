// What Stripe does on its own (a customer pays, a card is declined, a bank disputes, onboarding
// completes): each changes the stored objects and returns the event Stripe would send.
import type Stripe from 'stripe';
import { FakeStripeError } from './errors.js';
import { invalid } from './form.js';
import { formatAmount, makeEvent, newId, nowSeconds, previousAttributes, shape, type FakeStripeState, type RequestRef } from './objects.js';

function requireIntent(state: FakeStripeState, id: string): Stripe.PaymentIntent {
  const intent = state.paymentIntents.get(id);
  if (!intent) throw new Error(`fake-stripe: no PaymentIntent ${id}`);
  return intent;
}

/** The charge that paid a succeeded PaymentIntent. */
export function paidCharge(state: FakeStripeState, intent: Stripe.PaymentIntent): Stripe.Charge | undefined {
  const charge = typeof intent.latest_charge === 'string' ? state.charges.get(intent.latest_charge) : undefined;
  return intent.status === 'succeeded' && charge?.status === 'succeeded' ? charge : undefined;
}

function requirePaidCharge(state: FakeStripeState, intentId: string): Stripe.Charge {
  const charge = paidCharge(state, requireIntent(state, intentId));
  if (!charge) throw new Error(`fake-stripe: PaymentIntent ${intentId} has not succeeded (call succeedPaymentIntent first)`);
  return charge;
}

function newCharge(state: FakeStripeState, intent: Stripe.PaymentIntent, succeeded: boolean): Stripe.Charge {
  const destination = intent.transfer_data?.destination;
  const charge = shape<Stripe.Charge>({
    id: newId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: succeeded ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: succeeded && intent.application_fee_amount !== null ? newId('fee') : null,
    application_fee_amount: intent.application_fee_amount,
    balance_transaction: succeeded ? newId('txn') : null,
    captured: succeeded,
    created: nowSeconds(),
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: succeeded ? null : 'card_declined',
    failure_message: succeeded ? null : 'Your card was declined.',
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: intent.on_behalf_of,
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: newId('pm'),
    receipt_email: intent.receipt_email,
    receipt_number: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: succeeded ? 'succeeded' : 'failed',
    ...(succeeded && destination ? { transfer: newId('tr') } : {}),
    transfer_data: destination ? { amount: intent.transfer_data?.amount ?? null, destination } : null,
    transfer_group: succeeded && destination ? (intent.transfer_group ?? `group_${intent.id}`) : intent.transfer_group,
  });
  state.charges.set(charge.id, charge);
  return charge;
}

/** The customer paid: the PaymentIntent succeeds with a new charge (and its transfer, for destination charges). */
export function succeedPaymentIntent(state: FakeStripeState, id: string): Stripe.PaymentIntentSucceededEvent {
  const intent = requireIntent(state, id);
  if (intent.status === 'succeeded' || intent.status === 'canceled') throw new Error(`fake-stripe: ${id} is already ${intent.status}`);
  const charge = newCharge(state, intent, true);
  Object.assign(intent, {
    status: 'succeeded',
    amount_received: intent.amount,
    latest_charge: charge.id,
    payment_method: charge.payment_method,
    last_payment_error: null,
  } satisfies Partial<Stripe.PaymentIntent>);
  makeEvent(state, 'charge.succeeded', charge);
  return makeEvent(state, 'payment_intent.succeeded', intent) as Stripe.PaymentIntentSucceededEvent;
}

/** The card was declined: a failed charge, and the PaymentIntent wants another payment method. */
export function paymentFailedEvent(state: FakeStripeState, id: string): Stripe.PaymentIntentPaymentFailedEvent {
  const intent = requireIntent(state, id);
  if (intent.status === 'succeeded' || intent.status === 'canceled') throw new Error(`fake-stripe: ${id} is already ${intent.status}`);
  const charge = newCharge(state, intent, false);
  Object.assign(intent, {
    status: 'requires_payment_method',
    latest_charge: charge.id,
    payment_method: null,
    last_payment_error: {
      charge: charge.id,
      code: 'card_declined',
      decline_code: 'generic_decline',
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      message: 'Your card was declined.',
      type: 'card_error',
    },
  } satisfies Partial<Stripe.PaymentIntent>);
  makeEvent(state, 'charge.failed', charge);
  return makeEvent(state, 'payment_intent.payment_failed', intent) as Stripe.PaymentIntentPaymentFailedEvent;
}

export interface RefundOptions {
  amount?: number;
  reason?: string;
  metadata?: Record<string, string>;
}

/**
 * Refunds part or the rest of a charge, as POST /v1/refunds and the Dashboard do; failures of the
 * refund itself are stored under the idempotency key like Stripe's.
 */
export function refundCharge(
  state: FakeStripeState,
  charge: Stripe.Charge,
  opts: RefundOptions,
  request?: RequestRef,
): { refund: Stripe.Refund; event: Stripe.ChargeRefundedEvent } {
  const remaining = charge.amount - charge.amount_refunded;
  const money = (n: number) => formatAmount(n, charge.currency);
  if (opts.amount !== undefined && opts.amount < 1) throw invalid('amount', 'Invalid positive integer');
  if (remaining <= 0) {
    const error = { type: 'invalid_request_error', code: 'charge_already_refunded', message: `Charge ${charge.id} has already been refunded.` };
    throw new FakeStripeError(400, error, true);
  }
  const amount = opts.amount ?? remaining;
  if (amount > remaining) {
    const message =
      charge.amount_refunded === 0
        ? `Refund amount (${money(amount)}) is greater than charge amount (${money(charge.amount)})`
        : `Refund amount (${money(amount)}) is greater than unrefunded amount on charge (${money(remaining)})`;
    throw new FakeStripeError(400, { type: 'invalid_request_error', param: 'amount', message }, true);
  }
  const refund = shape<Stripe.Refund>({
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: newId('txn'),
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    customer: typeof charge.customer === 'string' ? charge.customer : null,
    metadata: opts.metadata ?? {},
    payment_intent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
    payment_method: charge.payment_method,
    reason: (opts.reason ?? null) as Stripe.Refund.Reason | null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  });
  state.refunds.set(refund.id, refund);
  const before = structuredClone(charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  const event = makeEvent(state, 'charge.refunded', charge, { previous: previousAttributes(before, charge), request });
  makeEvent(state, 'refund.created', refund, { request });
  return { refund, event: event as Stripe.ChargeRefundedEvent };
}

/** A refund made outside the app (the Dashboard); all that is left when `amount` is omitted. */
export function refundEvent(state: FakeStripeState, intentId: string, amount?: number): Stripe.ChargeRefundedEvent {
  return refundCharge(state, requirePaidCharge(state, intentId), { amount }).event;
}

export type DisputeEvent = Stripe.ChargeDisputeCreatedEvent | Stripe.ChargeDisputeUpdatedEvent | Stripe.ChargeDisputeClosedEvent;
const CLOSED: readonly string[] = ['won', 'lost', 'warning_closed', 'prevented'];

/**
 * The cardholder's bank disputes the charge, or the dispute moves on. The first call opens it
 * (`charge.dispute.created`, status needs_response); later statuses give `charge.dispute.updated`,
 * or `charge.dispute.closed` for won / lost / warning_closed. A first call with a later status
 * records the opening event in `events` too and returns the later one.
 */
export function disputeEvent(
  state: FakeStripeState,
  intentId: string,
  status: Stripe.Dispute.Status,
  opts: { amount?: number; reason?: string } = {},
): DisputeEvent {
  const charge = requirePaidCharge(state, intentId);
  let dispute = [...state.disputes.values()].find((d) => d.charge === charge.id);
  if (!dispute) {
    const created = nowSeconds();
    dispute = shape<Stripe.Dispute>({
      id: newId('dp'),
      object: 'dispute',
      amount: opts.amount ?? charge.amount,
      balance_transactions: [],
      charge: charge.id,
      created,
      currency: charge.currency,
      enhanced_eligibility_types: [],
      intended_submission_method: null,
      evidence_details: {
        due_by: created + 7 * 24 * 3600,
        enhanced_eligibility: {},
        has_evidence: false,
        past_due: false,
        submission_count: 0,
        submission_method: 'not_submitted',
      },
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: intentId,
      reason: opts.reason ?? 'fraudulent',
      status: status.startsWith('warning_') ? 'warning_needs_response' : 'needs_response',
    });
    state.disputes.set(dispute.id, dispute);
    charge.disputed = true;
    const opened = makeEvent(state, 'charge.dispute.created', dispute) as Stripe.ChargeDisputeCreatedEvent;
    if (dispute.status === status) return opened;
  }
  const before = structuredClone(dispute);
  dispute.status = status;
  if (CLOSED.includes(status)) return makeEvent(state, 'charge.dispute.closed', dispute) as Stripe.ChargeDisputeClosedEvent;
  const previous = previousAttributes(before, dispute);
  return makeEvent(state, 'charge.dispute.updated', dispute, { previous }) as Stripe.ChargeDisputeUpdatedEvent;
}

/**
 * The connected account changed (onboarding finished, say): `changes` is merged in; enabling
 * charges also activates the requested capabilities and clears the requirements, unless given.
 */
export function accountUpdatedEvent(state: FakeStripeState, id: string, changes: Partial<Stripe.Account>): Stripe.AccountUpdatedEvent {
  const account = state.accounts.get(id);
  if (!account) throw new Error(`fake-stripe: no account ${id}`);
  const before = structuredClone(account);
  Object.assign(account, changes);
  if (changes.charges_enabled && !changes.capabilities && account.capabilities) {
    account.capabilities = Object.fromEntries(Object.keys(account.capabilities).map((name) => [name, 'active']));
  }
  if (changes.charges_enabled && !changes.requirements && account.requirements) {
    account.requirements = { ...account.requirements, currently_due: [], eventually_due: [], past_due: [], disabled_reason: null };
  }
  const previous = previousAttributes(before, account);
  return makeEvent(state, 'account.updated', account, { previous, account: id }) as Stripe.AccountUpdatedEvent;
}
