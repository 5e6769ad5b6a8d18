// The endpoints the fake serves, answering like Stripe's v1 API for the fields Seaward uses.
import type Stripe from 'stripe';
import { FakeStripeError, noSuch } from './errors.js';
import { bool, dig, int, invalid, metadata, missing, obj, str, type FormObject, type FormValue } from './form.js';
import { formatAmount, MINIMUM_AMOUNT, newId, nowSeconds, randomToken, shape, type FakeStripeState, type RequestRef } from './objects.js';
import { paidCharge, refundCharge } from './simulate.js';

export interface ApiContext {
  state: FakeStripeState;
  /** The form body of a POST, the query of a GET. */
  params: FormObject;
  /** Captures of the route's pattern (ids in the path). */
  args: string[];
  request: RequestRef;
}

type Handler = (ctx: ApiContext) => object;

const text = (value: FormValue | undefined): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const retrieve =
  (kind: string, store: (state: FakeStripeState) => Map<string, object>): Handler =>
  ({ state, args: [id] }) => {
    const object = store(state).get(id);
    if (!object) throw noSuch(kind, id);
    return object;
  };

const CURRENCY_OF: Record<string, string> = { US: 'usd', GB: 'gbp', CN: 'cny', HK: 'hkd', SG: 'sgd', JP: 'jpy', AU: 'aud', CA: 'cad' };
const EURO = new Set(['AT', 'BE', 'DE', 'ES', 'FI', 'FR', 'IE', 'IT', 'LU', 'NL', 'PT']);

function createAccount({ state, params }: ApiContext): Stripe.Account {
  const type = str(params, 'type');
  const controller = obj(params, 'controller');
  if (!type && !controller) throw missing('type');
  if (type && !['standard', 'express', 'custom'].includes(type)) throw invalid('type', `Invalid type: must be one of standard, express, or custom`);
  const dashboard = text(dig(controller, 'stripe_dashboard', 'type')) ?? { standard: 'full', express: 'express', custom: 'none' }[type ?? ''];
  const country = (str(params, 'country') ?? 'US').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country))
    throw invalid('country', `Country '${country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'.`);
  const capabilities: Record<string, 'inactive'> = {};
  for (const [name, spec] of Object.entries(obj(params, 'capabilities') ?? {})) {
    if (text(dig(spec, 'requested')) === 'true') capabilities[name] = 'inactive';
  }
  const stripeCollects = dashboard !== 'none';
  const due = ['business_type', 'external_account', 'tos_acceptance.date', 'tos_acceptance.ip'];
  const id = newId('acct', 16);
  const account = shape<Stripe.Account>({
    id,
    object: 'account',
    business_type: (str(params, 'business_type') ?? null) as Stripe.Account.BusinessType | null,
    capabilities,
    charges_enabled: false,
    controller: {
      fees: { payer: (text(dig(controller, 'fees', 'payer')) ?? (dashboard === 'full' ? 'account' : 'application')) as Stripe.Account.Controller.Fees.Payer },
      is_controller: true,
      losses: { payments: (text(dig(controller, 'losses', 'payments')) ?? (dashboard === 'full' ? 'stripe' : 'application')) as 'application' | 'stripe' },
      requirement_collection: (text(dig(controller, 'requirement_collection')) ?? (stripeCollects ? 'stripe' : 'application')) as 'application' | 'stripe',
      stripe_dashboard: { type: (dashboard ?? 'none') as Stripe.Account.Controller.StripeDashboard.Type },
      type: 'application',
    },
    country,
    created: nowSeconds(),
    default_currency: CURRENCY_OF[country] ?? (EURO.has(country) ? 'eur' : 'usd'),
    details_submitted: false,
    email: str(params, 'email') ?? null,
    external_accounts: { object: 'list', data: [], has_more: false, url: `/v1/accounts/${id}/external_accounts` },
    metadata: metadata(params),
    payouts_enabled: false,
    requirements: {
      alternatives: [],
      current_deadline: null,
      currently_due: due,
      disabled_reason: 'requirements.past_due',
      errors: [],
      eventually_due: due,
      past_due: due,
      pending_verification: [],
    },
    type: (type ?? { express: 'express', full: 'standard', none: 'custom' }[dashboard ?? ''] ?? 'none') as Stripe.Account.Type,
  });
  state.accounts.set(id, account);
  return account;
}

function createAccountLink({ state, params }: ApiContext): Stripe.AccountLink {
  const account = str(params, 'account', true)!;
  const type = str(params, 'type', true)!;
  if (!['account_onboarding', 'account_update'].includes(type)) throw invalid('type', `Invalid type: must be one of account_onboarding or account_update`);
  for (const name of ['refresh_url', 'return_url']) {
    const url = str(params, name);
    if (url !== undefined && !URL.canParse(url)) throw invalid(name, 'Not a valid URL');
  }
  if (!state.accounts.has(account)) throw noSuch('account', account, 'account');
  const created = nowSeconds();
  return {
    object: 'account_link',
    created,
    expires_at: created + 300,
    url: `https://connect.stripe.com/setup/e/${account}/${randomToken(12)}`,
  };
}

function createPaymentIntent({ state, params }: ApiContext): Stripe.PaymentIntent {
  const amount = int(params, 'amount', true)!;
  const currency = str(params, 'currency', true)!.toLowerCase();
  if (amount < 1) throw invalid('amount', 'This value must be greater than or equal to 1.');
  if (!/^[a-z]{3}$/.test(currency)) throw invalid('currency', `Invalid currency: ${currency}.`);
  const minimum = MINIMUM_AMOUNT[currency];
  if (minimum !== undefined && amount < minimum) {
    const message = `Amount must be at least ${formatAmount(minimum, currency)} ${currency}`;
    throw new FakeStripeError(400, { type: 'invalid_request_error', code: 'amount_too_small', param: 'amount', message });
  }
  if (bool(params, 'confirm')) throw invalid('confirm', 'fake-stripe does not model confirm=true: call succeedPaymentIntent() instead');
  const transferData = obj(params, 'transfer_data');
  const destination = text(dig(transferData, 'destination'));
  if (transferData && !destination) throw missing('transfer_data[destination]');
  if (destination && !state.accounts.has(destination)) {
    throw new FakeStripeError(400, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'transfer_data[destination]',
      message: `No such destination: '${destination}'`,
    });
  }
  const transferAmount = transferData ? int(transferData, 'amount') : undefined;
  const fee = int(params, 'application_fee_amount');
  if (fee !== undefined && !destination && !str(params, 'on_behalf_of')) {
    throw invalid(
      'application_fee_amount',
      'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
    );
  }
  if (fee !== undefined && (fee < 0 || fee > amount))
    throw invalid('application_fee_amount', 'Application fee amount must be between 0 and the amount of the PaymentIntent.');
  const methodTypes = params.payment_method_types;
  const automatic = bool(obj(params, 'automatic_payment_methods') ?? {}, 'enabled') ?? methodTypes === undefined;
  const captureMethod = str(params, 'capture_method') ?? 'automatic_async';
  if (!['automatic', 'automatic_async', 'manual'].includes(captureMethod)) throw invalid('capture_method', `Invalid capture_method: ${captureMethod}`);
  const id = newId('pi');
  const intent = shape<Stripe.PaymentIntent>({
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: fee ?? null,
    automatic_payment_methods: automatic ? { allow_redirects: 'always', enabled: true } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: captureMethod as Stripe.PaymentIntent.CaptureMethod,
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: 'automatic',
    created: nowSeconds(),
    currency,
    customer: str(params, 'customer') ?? null,
    description: str(params, 'description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: metadata(params),
    next_action: null,
    on_behalf_of: str(params, 'on_behalf_of') ?? null,
    payment_method: null,
    payment_method_options: {},
    payment_method_types: Array.isArray(methodTypes) ? methodTypes.filter((t): t is string => typeof t === 'string') : ['card'],
    processing: null,
    receipt_email: str(params, 'receipt_email') ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: str(params, 'statement_descriptor') ?? null,
    statement_descriptor_suffix: str(params, 'statement_descriptor_suffix') ?? null,
    status: 'requires_payment_method',
    transfer_data: destination ? { destination, ...(transferAmount !== undefined ? { amount: transferAmount } : {}) } : null,
    transfer_group: str(params, 'transfer_group') ?? null,
  });
  state.paymentIntents.set(id, intent);
  return intent;
}

function cancelPaymentIntent({ state, params, args: [id] }: ApiContext): Stripe.PaymentIntent {
  const intent = state.paymentIntents.get(id!);
  if (!intent) throw noSuch('payment_intent', id!);
  if (intent.status === 'succeeded' || intent.status === 'canceled') {
    throw new FakeStripeError(
      400,
      {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
      },
      true,
    );
  }
  Object.assign(intent, { status: 'canceled', canceled_at: nowSeconds(), cancellation_reason: str(params, 'cancellation_reason') ?? null });
  return intent;
}

function createRefund({ state, params, request }: ApiContext): Stripe.Refund {
  const intentId = str(params, 'payment_intent');
  const chargeId = str(params, 'charge');
  const reason = str(params, 'reason');
  if (reason !== undefined && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(reason)) {
    throw invalid('reason', `Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer`);
  }
  let charge: Stripe.Charge | undefined;
  if (chargeId) {
    charge = state.charges.get(chargeId);
    if (!charge) throw noSuch('charge', chargeId, 'charge');
  } else if (intentId) {
    const intent = state.paymentIntents.get(intentId);
    if (!intent) throw noSuch('payment_intent', intentId, 'payment_intent');
    charge = paidCharge(state, intent);
    if (!charge) throw invalid('payment_intent', `This PaymentIntent (${intentId}) does not have a successful charge to refund.`);
  } else {
    throw missing('payment_intent');
  }
  return refundCharge(state, charge, { amount: int(params, 'amount'), reason, metadata: metadata(params) }, request).refund;
}

function createTransfer({ state, params }: ApiContext): Stripe.Transfer {
  const amount = int(params, 'amount', true)!;
  const currency = str(params, 'currency', true)!.toLowerCase();
  const destination = str(params, 'destination', true)!;
  if (amount < 1) throw invalid('amount', 'This value must be greater than or equal to 1.');
  if (!state.accounts.has(destination)) throw noSuch('destination', destination, 'destination');
  const source = str(params, 'source_transaction');
  if (source !== undefined) {
    const charge = state.charges.get(source);
    if (!charge) throw noSuch('charge', source, 'source_transaction');
    if (charge.currency !== currency)
      throw invalid(
        'currency',
        `The currency of source_transaction's balance transaction (${charge.currency}) must be the same as the transfer currency (${currency})`,
      );
    const sent = [...state.transfers.values()].filter((t) => t.source_transaction === source).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
    if (sent + amount > charge.amount_captured - charge.amount_refunded) {
      throw new FakeStripeError(400, {
        type: 'invalid_request_error',
        code: 'balance_insufficient',
        param: 'amount',
        message: 'Insufficient funds in Stripe account.',
      });
    }
  }
  const id = newId('tr');
  const transfer = shape<Stripe.Transfer>({
    id,
    object: 'transfer',
    amount,
    amount_reversed: 0,
    balance_transaction: newId('txn'),
    created: nowSeconds(),
    currency,
    description: str(params, 'description') ?? null,
    destination,
    destination_payment: newId('py'),
    livemode: false,
    metadata: metadata(params),
    reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: source ?? null,
    source_type: 'card',
    transfer_group: str(params, 'transfer_group') ?? null,
  });
  state.transfers.set(id, transfer);
  return transfer;
}

function createTransferReversal({ state, params, args: [id] }: ApiContext): Stripe.TransferReversal {
  const transfer = state.transfers.get(id!);
  if (!transfer) throw noSuch('transfer', id!);
  const amount = int(params, 'amount') ?? transfer.amount - transfer.amount_reversed;
  if (amount < 1 || amount > transfer.amount - transfer.amount_reversed) {
    throw invalid('amount', `Transfer ${id} has only ${transfer.amount - transfer.amount_reversed} left to reverse; ${amount} was requested.`);
  }
  const reversal = shape<Stripe.TransferReversal>({
    id: newId('trr'),
    object: 'transfer_reversal',
    amount,
    balance_transaction: newId('txn'),
    created: nowSeconds(),
    currency: transfer.currency,
    metadata: metadata(params),
    transfer: transfer.id,
  });
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  transfer.reversals.data.push(reversal);
  return reversal;
}

/** `expand[]` for top-level ids of objects the fake keeps (`latest_charge`, `payment_intent`, …). */
export function expand(state: FakeStripeState, object: object, params: FormObject): object {
  const fields = params.expand === undefined ? [] : Array.isArray(params.expand) ? params.expand : [params.expand];
  if (fields.length === 0) return object;
  const out = { ...object } as Record<string, unknown>;
  const stores: Record<string, Map<string, object>> = {
    ch: state.charges,
    pi: state.paymentIntents,
    acct: state.accounts,
    re: state.refunds,
    dp: state.disputes,
    tr: state.transfers,
  };
  fields.forEach((field, i) => {
    if (typeof field !== 'string' || !(field in out)) throw invalid(`expand[${i}]`, `This property cannot be expanded (${String(field)}).`);
    const id = out[field];
    if (typeof id === 'string') out[field] = stores[id.slice(0, id.indexOf('_'))]?.get(id) ?? id;
  });
  return out;
}

/** Method, path pattern, handler: what the fake answers; anything else is Stripe's 404. */
export const ROUTES: ReadonlyArray<readonly [string, RegExp, Handler]> = [
  ['POST', /^\/v1\/accounts$/, createAccount],
  ['GET', /^\/v1\/accounts\/([^/]+)$/, retrieve('account', (s) => s.accounts)],
  ['POST', /^\/v1\/account_links$/, createAccountLink],
  ['POST', /^\/v1\/payment_intents$/, createPaymentIntent],
  ['GET', /^\/v1\/payment_intents\/([^/]+)$/, retrieve('payment_intent', (s) => s.paymentIntents)],
  ['POST', /^\/v1\/payment_intents\/([^/]+)\/cancel$/, cancelPaymentIntent],
  ['GET', /^\/v1\/charges\/([^/]+)$/, retrieve('charge', (s) => s.charges)],
  ['POST', /^\/v1\/refunds$/, createRefund],
  ['GET', /^\/v1\/refunds\/([^/]+)$/, retrieve('refund', (s) => s.refunds)],
  ['POST', /^\/v1\/transfers$/, createTransfer],
  ['GET', /^\/v1\/transfers\/([^/]+)$/, retrieve('transfer', (s) => s.transfers)],
  ['POST', /^\/v1\/transfers\/([^/]+)\/reversals$/, createTransferReversal],
];
