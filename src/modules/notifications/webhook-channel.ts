import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { UnrecoverableError } from 'bullmq';
import type { Notification } from './notification-channel.js';
import { guardedLookup, RefusedDestination, refusedLiteralHost } from './outbound-guard.js';

const TIMEOUT_MS = 5000;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the scheme Stripe's webhooks use. */
export function signature(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * Posts the notification as JSON to the organisation's URL. Delivery is at least once: the
 * body carries the event's id for the receiver to drop repeats. A non-2xx answer throws, and
 * BullMQ retries the job with backoff. Only public addresses are reached (unless
 * `allowPrivate`, for local development), checked after DNS resolution on the address the
 * socket then uses; redirects are not followed. A refused destination fails the job for good.
 */
export async function postWebhook(endpoint: { url: string; secret: string }, notification: Notification, allowPrivate = false): Promise<void> {
  const body = JSON.stringify({
    id: `evt_${notification.outboxId}`,
    event: notification.event,
    recipientOrg: notification.recipientOrg,
    data: notification.data,
  });
  const url = new URL(endpoint.url);
  const literal = refusedLiteralHost(url, allowPrivate);
  if (literal) throw new UnrecoverableError(`webhook ${endpoint.url}: refused destination: ${literal}`);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'seaward-signature': signature(endpoint.secret, body, Math.floor(Date.now() / 1000)),
  };
  let status: number;
  try {
    status = await post(url, headers, body, allowPrivate);
  } catch (error) {
    if (error instanceof RefusedDestination) throw new UnrecoverableError(`webhook ${endpoint.url}: ${error.message}`);
    throw error;
  }
  if (status >= 300 && status < 400) throw new Error(`webhook ${endpoint.url} answered ${status}: redirects are not followed`);
  if (status < 200 || status >= 300) throw new Error(`webhook ${endpoint.url} answered ${status}`);
}

function post(url: URL, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<number> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', headers, lookup: guardedLookup(allowPrivate), timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`webhook ${url.origin} did not answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
