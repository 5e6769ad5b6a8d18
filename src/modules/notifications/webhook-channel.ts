import { createHmac } from 'node:crypto';
import type { Notification } from './notification-channel.js';

const TIMEOUT_MS = 5000;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the scheme Stripe's webhooks use. */
export function signature(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * Posts the notification as JSON to the organisation's URL. Delivery is at least once: the
 * body carries the event's id for the receiver to drop repeats. A non-2xx answer throws, and
 * BullMQ retries the job with backoff.
 */
export async function postWebhook(endpoint: { url: string; secret: string }, notification: Notification): Promise<void> {
  const body = JSON.stringify({
    id: `evt_${notification.outboxId}`,
    event: notification.event,
    recipientOrg: notification.recipientOrg,
    data: notification.data,
  });
  const response = await fetch(endpoint.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'seaward-signature': signature(endpoint.secret, body, Math.floor(Date.now() / 1000)) },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`webhook ${endpoint.url} answered ${response.status}`);
}
