import type { NotificationEvent } from '../modules/notifications/notification-events.js';
import type { QueueName } from './queues.js';

/**
 * Every job name, by queue: producers (the outbox, job schedulers) and processors use these, so a
 * name cannot drift between the two sides of the queue.
 */
export const JOBS = {
  notifications: { deliver: 'deliver' },
  'search-sync': { providerChanged: 'provider.changed' },
  expiry: { sweep: 'sweep' },
  webhooks: { stripeApply: 'stripe.apply' },
  reconciliation: { run: 'run', nightly: 'nightly' },
  quality: { replay: 'replay' },
  maintenance: { sweepPrefix: 'sweep.' },
  city: { flagOverdueApplications: 'applications.flag-overdue', closeMonths: 'reports.close-months' },
  'match-learning': { tick: 'tick', learn: 'learn' },
  desk: { flagOverdue: 'flag-overdue' },
  milestones: { sweep: 'sweep', transfer: 'stripe.transfer', refund: 'stripe.refund', reverse: 'stripe.reverse' },
} as const satisfies Record<QueueName, Record<string, string>>;

/** The payload each job the outbox sends carries (beside its trace context). */
export interface OutboxJobs {
  notifications: { deliver: { event: NotificationEvent; recipientOrg: string | null; data: Record<string, unknown> } };
  'search-sync': { 'provider.changed': { providerId: string } };
  webhooks: { 'stripe.apply': { eventId: string } };
  reconciliation: { run: { runId: string } };
  quality: { replay: { replayId: string } };
  milestones: {
    'stripe.transfer': { milestoneId: string; amount: number };
    'stripe.refund': { milestoneId: string; amount: number };
    'stripe.reverse': { milestoneId: string; amount: number; key: string };
  };
}

/** The error a processor throws for a job name it does not handle (the job fails; it is not lost). */
export function unknownJob(queue: QueueName, name: string): Error {
  return new Error(`${queue}: no handler for job ${name}`);
}
