/**
 * Every BullMQ queue the worker serves. The worker refuses to start if one of these has no
 * processor (immich's check), so adding a name here without a processor fails at boot.
 */
export const QUEUES = ['notifications', 'search-sync', 'expiry', 'webhooks', 'reconciliation', 'quality'] as const;
export type QueueName = (typeof QUEUES)[number];

/** Completed jobs are kept long enough that a re-relayed outbox row finds its job and is not run twice. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;
