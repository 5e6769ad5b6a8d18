import type { Queue } from 'bullmq';

export interface RedriveResult {
  queue: string;
  redriven: number;
  jobs: { id: string; name: string; failedReason: string }[];
}

const PAGE = 500;

/**
 * Sends a queue's failed jobs (final failures) again, each with its attempts reset so it gets
 * the queue's whole retry policy once more. Their handlers are idempotent, so a job that did
 * partly succeed (a notification sent, a row written) is not repeated.
 */
export async function redriveFailed(queue: Queue, limit = Number.POSITIVE_INFINITY): Promise<RedriveResult> {
  const jobs: RedriveResult['jobs'] = [];
  while (jobs.length < limit) {
    // Each retried job leaves the failed set, so the first page is always the next one.
    const page = await queue.getFailed(0, Math.min(PAGE, limit - jobs.length) - 1);
    if (page.length === 0) break;
    for (const job of page) {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      jobs.push({ id: job.id ?? '', name: job.name, failedReason: job.failedReason });
    }
  }
  return { queue: queue.name, redriven: jobs.length, jobs };
}
