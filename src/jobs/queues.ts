import type { BackoffStrategy, DefaultJobOptions, MinimalJob } from 'bullmq';
import { cappedDelay, scheduleCovering, type RetrySchedule } from '../../libs/retry/index.js';

/**
 * Every BullMQ queue the worker serves. The worker refuses to start if one of these has no
 * processor (immich's check), so adding a name here without a processor fails at boot.
 */
export const QUEUES = [
  'notifications',
  'search-sync',
  'expiry',
  'webhooks',
  'reconciliation',
  'quality',
  'maintenance',
  'milestones',
  'city',
  'match-learning',
  'desk',
] as const;
export type QueueName = (typeof QUEUES)[number];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * How each queue retries, and why. Delays double from the base up to the cap, so a short outage
 * is retried within seconds and a long one within the cap of its end; attempts are counted so
 * that the waits cover the window. A job that exhausts them is a final failure: logged with its
 * data, counted, kept in the failed set (dashboard) until `npm run jobs:redrive` sends it again.
 */
export const RETRY_POLICIES: Record<QueueName, RetrySchedule & { reason: string }> = {
  // The README promises at least once; an organisation's receiver may be down for hours.
  notifications: { ...scheduleCovering(24 * HOUR, SECOND, 10 * MINUTE), reason: 'outside receivers; at-least-once for a day' },
  // The event was acknowledged 200, so Stripe will not resend it: we are the only retry left.
  // Three days, Stripe's own webhook retry window.
  webhooks: { ...scheduleCovering(72 * HOUR, SECOND, 10 * MINUTE), reason: "Stripe's 3-day window; nobody resends an acknowledged event" },
  // Upserts are idempotent; giving up would leave Typesense stale until a reindex.
  'search-sync': { ...scheduleCovering(24 * HOUR, SECOND, 10 * MINUTE), reason: 'a missed upsert leaves search stale' },
  // The sweep runs again every EXPIRY_SWEEP_MS; a few quick retries are enough.
  expiry: { attempts: 3, baseMs: 5 * SECOND, capMs: MINUTE, reason: 'the next scheduled sweep retries anyway' },
  // A run resumes at its cursor; after ~20 minutes it is marked failed and the programme is free
  // for the next run (on demand or nightly) rather than blocked behind a hopeless one.
  reconciliation: { attempts: 10, baseMs: 5 * SECOND, capMs: 5 * MINUTE, reason: 'resumable; fail the run and free the programme' },
  // A replay that keeps failing is marked failed for the user to see and request again.
  quality: { attempts: 5, baseMs: 2 * SECOND, capMs: MINUTE, reason: 'the user sees a failed replay and may ask again' },
  // Sweeps run on a schedule: the next tick is the retry.
  maintenance: { attempts: 1, baseMs: SECOND, capMs: SECOND, reason: 'the next scheduled sweep is the retry' },
  // Money owed at Stripe after a release or refund was committed: keep trying for Stripe's 3 days.
  milestones: { ...scheduleCovering(72 * HOUR, SECOND, 10 * MINUTE), reason: 'a committed release or refund must reach Stripe' },
  // The SLA flag and the month close are idempotent and scheduled: a few retries, then the next tick.
  city: { attempts: 3, baseMs: 5 * SECOND, capMs: MINUTE, reason: 'idempotent; the next scheduled run retries anyway' },
  // Learning reads history and records a proposal; the next scheduled run learns again anyway.
  'match-learning': { attempts: 3, baseMs: 5 * SECOND, capMs: MINUTE, reason: 'the next scheduled run learns again' },
  // The overdue flag runs on a schedule and flags each question once: the next tick is the retry.
  desk: { attempts: 1, baseMs: SECOND, capMs: SECOND, reason: 'the next scheduled flagging is the retry' },
};

/** The custom backoff type of our jobs (BullMQ's own exponential one has no cap). */
export const CAPPED_BACKOFF = 'capped-exponential';

/**
 * Completed jobs are kept long enough that a re-relayed outbox row finds its job and is not run
 * twice; failed ones long enough for a person to look and re-drive.
 */
const KEEP = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

/**
 * Job options of a queue. `timeScale` (JOB_BACKOFF_SCALE) shrinks base and cap alike, so the fault
 * tests can live through a "90 s" outage in 9 s; the attempts stay those of the production window.
 */
export function jobOptionsFor(queue: QueueName, timeScale = 1): DefaultJobOptions {
  const policy = RETRY_POLICIES[queue];
  return { attempts: policy.attempts, backoff: { type: CAPPED_BACKOFF, delay: Math.max(1, Math.round(policy.baseMs * timeScale)) }, ...KEEP };
}

/** The cap of a job's queue, scaled like its base (the job carries the scaled base as its delay). */
export const cappedBackoff: BackoffStrategy = (attemptsMade: number, _type?: string, _err?: Error, job?: MinimalJob) => {
  const policy = RETRY_POLICIES[job?.queueName as QueueName];
  const base = job?.opts.backoff && typeof job.opts.backoff === 'object' ? (job.opts.backoff.delay ?? SECOND) : SECOND;
  if (!policy) return cappedDelay(attemptsMade, base, 10 * MINUTE);
  return cappedDelay(attemptsMade, base, Math.round(base * (policy.capMs / policy.baseMs)));
};

/** Worker settings every processor declares, so jobs retry on the schedule above. */
export const WORKER_SETTINGS = { backoffStrategy: cappedBackoff } as const;
