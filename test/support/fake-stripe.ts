// A Stripe-compatible HTTP server for tests: the real `stripe` SDK talks to it through its
// `host` / `port` / `protocol: 'http'` options (STRIPE_API_BASE=fake.url). It keeps accounts,
// PaymentIntents, charges, refunds and disputes in memory; answers with Stripe-shaped objects and
// errors; checks the API key; honours Idempotency-Key like Stripe (replay, or idempotency_error);
// and plays Stripe's part in what happens away from the API (payment, decline, refund, dispute,
// onboarding), returning the events Stripe would send, which signedWebhook() signs for real.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { expand, ROUTES } from './fake-stripe/api.js';
import { FakeStripeError, type StripeErrorBody } from './fake-stripe/errors.js';
import { canonical, parseForm, type FormObject } from './fake-stripe/form.js';
import { createState, newId, type FakeStripeState, type RequestRef } from './fake-stripe/objects.js';
import * as simulate from './fake-stripe/simulate.js';

export type { StripeErrorBody } from './fake-stripe/errors.js';
export type { FormObject, FormValue } from './fake-stripe/form.js';
export type { DisputeEvent } from './fake-stripe/simulate.js';

export interface RecordedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  query: FormObject;
  /** The form body as nested objects and arrays: `metadata[a]=1` → `{ metadata: { a: '1' } }`. */
  body: FormObject;
  rawBody: string;
  /** As Node gives them, lower-case names. */
  headers: IncomingHttpHeaders;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  stripeAccount: string | null;
  /** The status the fake answered with. */
  status: number;
  /** Answered from the idempotency store (`Idempotent-Replayed: true`). */
  replayed: boolean;
}

export interface SignedWebhook {
  /** The raw body to POST, pretty-printed JSON as Stripe sends it. */
  payload: string;
  /** The value for the `Stripe-Signature` header. */
  header: string;
}

export interface FakeStripe extends FakeStripeState {
  /** `http://127.0.0.1:<port>`, for STRIPE_API_BASE. */
  url: string;
  host: string;
  port: number;
  requests: RecordedRequest[];
  /**
   * The next request whose path starts with `pathPrefix` (or `'POST /v1/refunds'`: method and
   * path) is answered with this error instead. Not stored under its idempotency key, so a retry
   * runs; the SDK itself retries 409 and 5xx (maxNetworkRetries, 2 by default).
   */
  failNext(pathPrefix: string, status: number, error: StripeErrorBody): void;
  /** The customer pays: status succeeded, a charge; returns `payment_intent.succeeded`. */
  succeedPaymentIntent(paymentIntentId: string): Stripe.PaymentIntentSucceededEvent;
  /** The card is declined: a failed charge, status requires_payment_method again. */
  paymentFailedEvent(paymentIntentId: string): Stripe.PaymentIntentPaymentFailedEvent;
  /** A refund made outside the API (Dashboard) of `amount`, or all that is left. */
  refundEvent(paymentIntentId: string, amount?: number): Stripe.ChargeRefundedEvent;
  /** Opens a dispute or moves it to `status` (`won` / `lost` close it). */
  disputeEvent(paymentIntentId: string, status: Stripe.Dispute.Status, opts?: { amount?: number; reason?: string }): simulate.DisputeEvent;
  /** Changes a connected account (e.g. `{ charges_enabled: true, payouts_enabled: true, details_submitted: true }`). */
  accountUpdatedEvent(accountId: string, changes: Partial<Stripe.Account>): Stripe.AccountUpdatedEvent;
  signedWebhook(event: object, secret: string, timestamp?: number): SignedWebhook;
  close(): Promise<void>;
}

/** Signs like Stripe, with the SDK's own generateTestHeaderString. */
export function signedWebhook(event: object, secret: string, timestamp?: number): SignedWebhook {
  const payload = JSON.stringify(event, null, 2);
  return { payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }) };
}

interface Saved {
  route: string;
  params: string;
  status: number;
  body: string;
  requestId: string;
}

interface Outcome {
  status: number;
  body: string;
  /** Whether Stripe would keep this answer under the idempotency key. */
  store: boolean;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

function authenticate(authorization: string | undefined, expected: string | undefined): string {
  let key = '';
  if (authorization?.startsWith('Bearer ')) key = authorization.slice('Bearer '.length).trim();
  else if (authorization?.startsWith('Basic ')) key = Buffer.from(authorization.slice('Basic '.length), 'base64').toString().split(':')[0];
  if (!key) {
    const message =
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";
    throw new FakeStripeError(401, { type: 'invalid_request_error', message });
  }
  if (expected ? key !== expected : !/^(sk|rk)_/.test(key)) {
    const redacted = key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : '****';
    throw new FakeStripeError(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${redacted}` });
  }
  return key;
}

function idempotencyError(message: string): FakeStripeError {
  return new FakeStripeError(400, { type: 'idempotency_error', message });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeStripe(opts: { apiKey?: string } = {}): Promise<FakeStripe> {
  const state = createState();
  const requests: RecordedRequest[] = [];
  const failures: Array<{ prefix: string; error: FakeStripeError }> = [];
  const saved = new Map<string, Saved>();

  function execute(method: string, path: string, params: FormObject, request: RequestRef): Outcome {
    const route = ROUTES.find(([m, pattern]) => m === method && pattern.test(path));
    if (!route) {
      const message = `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`;
      throw new FakeStripeError(404, { type: 'invalid_request_error', message });
    }
    const args = route[1].exec(path)!.slice(1).map(decodeURIComponent);
    const object = route[2]({ state, params, args, request });
    return { status: 200, body: json(expand(state, object, params)), store: true };
  }

  function respond(
    method: string,
    url: URL,
    record: RecordedRequest,
    requestId: string,
    authorization?: string,
  ): Outcome & { headers: Record<string, string> } {
    const headers: Record<string, string> = {};
    try {
      const apiKey = authenticate(authorization, opts.apiKey);
      const failure = failures.findIndex(({ prefix }) => `${method} ${url.pathname}`.startsWith(prefix) || url.pathname.startsWith(prefix));
      if (failure >= 0) throw failures.splice(failure, 1)[0].error;
      const key = method === 'POST' ? record.idempotencyKey : null;
      const scope = key ? [apiKey, record.stripeAccount ?? '', key].join('\n') : null;
      const previous = scope ? saved.get(scope) : undefined;
      if (previous) {
        if (previous.route !== `${method} ${url.pathname}`) {
          throw idempotencyError(
            `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${previous.route}' vs '${method} ${url.pathname}'). Try using a key other than '${key}' if you meant to execute a different request.`,
          );
        }
        if (previous.params !== canonical(record.body)) {
          throw idempotencyError(
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          );
        }
        record.replayed = true;
        headers['Idempotent-Replayed'] = 'true';
        headers['Original-Request'] = previous.requestId;
        return { status: previous.status, body: previous.body, store: false, headers };
      }
      const params = method === 'POST' ? record.body : record.query;
      let outcome: Outcome;
      try {
        outcome = execute(method, url.pathname, params, { id: requestId, idempotencyKey: key });
      } catch (error) {
        if (!(error instanceof FakeStripeError)) throw error;
        outcome = { status: error.status, body: json(error), store: error.replayable };
      }
      if (scope && outcome.store) {
        saved.set(scope, { route: `${method} ${url.pathname}`, params: canonical(record.body), status: outcome.status, body: outcome.body, requestId });
      }
      return { ...outcome, headers };
    } catch (error) {
      if (error instanceof FakeStripeError) {
        if (error.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="Stripe"';
        return { status: error.status, body: json(error), store: false, headers };
      }
      const message = `fake-stripe failed: ${error instanceof Error ? error.stack : String(error)}`;
      return { status: 500, body: json({ error: { type: 'api_error', message } }), store: false, headers };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://fake-stripe.invalid');
    const header = (name: string): string | null => {
      const value = req.headers[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    };
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: parseForm(url.search.slice(1)),
      body: parseForm(rawBody),
      rawBody,
      headers: req.headers,
      idempotencyKey: header('idempotency-key'),
      stripeVersion: header('stripe-version'),
      stripeAccount: header('stripe-account'),
      status: 0,
      replayed: false,
    };
    requests.push(record);
    const requestId = newId('req', 14);
    const outcome = respond(method, url, record, requestId, header('authorization') ?? undefined);
    record.status = outcome.status;
    res.writeHead(outcome.status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(outcome.body),
      'Request-Id': requestId,
      'Stripe-Version': record.stripeVersion ?? Stripe.API_VERSION,
      ...(method === 'POST' && record.idempotencyKey ? { 'Idempotency-Key': record.idempotencyKey } : {}),
      ...outcome.headers,
    });
    res.end(outcome.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.destroy(error instanceof Error ? error : undefined));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { address: host, port } = server.address() as AddressInfo;

  return {
    ...state,
    url: `http://${host}:${port}`,
    host,
    port,
    requests,
    failNext(prefix, status, error) {
      failures.push({ prefix, error: new FakeStripeError(status, error) });
    },
    succeedPaymentIntent: (id) => simulate.succeedPaymentIntent(state, id),
    paymentFailedEvent: (id) => simulate.paymentFailedEvent(state, id),
    refundEvent: (id, amount) => simulate.refundEvent(state, id, amount),
    disputeEvent: (id, status, disputeOpts) => simulate.disputeEvent(state, id, status, disputeOpts),
    accountUpdatedEvent: (id, changes) => simulate.accountUpdatedEvent(state, id, changes),
    signedWebhook,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
