import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/** Everything the fake knows, keyed by Stripe id; tests may read and adjust it directly. */
export interface FakeStripeState {
  accounts: Map<string, Stripe.Account>;
  paymentIntents: Map<string, Stripe.PaymentIntent>;
  charges: Map<string, Stripe.Charge>;
  refunds: Map<string, Stripe.Refund>;
  disputes: Map<string, Stripe.Dispute>;
  /** Separate charges and transfers: money sent from the platform's balance to a connected account. */
  transfers: Map<string, Stripe.Transfer>;
  /** Every event the fake has produced, oldest first (what Stripe would deliver to webhooks). */
  events: Stripe.Event[];
}

export function createState(): FakeStripeState {
  return { accounts: new Map(), paymentIntents: new Map(), charges: new Map(), refunds: new Map(), disputes: new Map(), transfers: new Map(), events: [] };
}

/** The API request that caused an event, for its `request` member. */
export interface RequestRef {
  id: string;
  idempotencyKey: string | null;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomToken(length: number): string {
  return Array.from(randomBytes(length), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Ids shaped like Stripe's: `acct_` + 16 characters, most others prefix + 24. */
export const newId = (prefix: string, length = 24): string => `${prefix}_${randomToken(length)}`;

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * The fields the fake fills in, checked against the SDK's own type (misspelt or mistyped fields do
 * not compile); fields a real object has but the fake does not model are left out.
 */
export function shape<T>(fields: Partial<T>): T {
  return fields as T;
}

export function makeEvent(
  state: FakeStripeState,
  type: Stripe.Event.Type,
  object: object,
  opts: { previous?: Record<string, unknown>; account?: string; request?: RequestRef } = {},
): Stripe.Event {
  const event = {
    id: newId('evt'),
    object: 'event',
    ...(opts.account ? { account: opts.account } : {}),
    api_version: Stripe.API_VERSION,
    created: nowSeconds(),
    data: {
      object: structuredClone(object),
      ...(opts.previous ? { previous_attributes: structuredClone(opts.previous) } : {}),
    } as Stripe.Event.Data,
    livemode: false,
    pending_webhooks: 1,
    request: { id: opts.request?.id ?? null, idempotency_key: opts.request?.idempotencyKey ?? null },
    type,
  } as unknown as Stripe.Event;
  state.events.push(event);
  return event;
}

/** What changed, as an event's `previous_attributes`: the old values of keys whose value differs. */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const old = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(now)) {
    if (JSON.stringify(old[key]) !== JSON.stringify(now[key])) changed[key] = old[key] ?? null;
  }
  return changed;
}

/** `$15.00`, `¥500`: amounts in the words Stripe's error messages use. */
export function formatAmount(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** Minimum charge amounts Stripe enforces for a few currencies (minor units). */
export const MINIMUM_AMOUNT: Record<string, number> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50 };
