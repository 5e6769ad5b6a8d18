/** Where a unit of work's BullMQ job is, as BullMQ reports it ('missing' when there is no such job). */
export type JobState = 'missing' | 'unknown' | 'waiting' | 'prioritized' | 'waiting-children' | 'delayed' | 'active' | 'completed' | 'failed';

export type StuckAction =
  /** Leave it: the job is alive, or the outbox relay has yet to enqueue it. */
  | 'leave'
  /** Enqueue the job again under its own id: it was lost (Redis restarted without persistence, a cleaned queue). */
  | 'requeue'
  /** Move the failed job back to waiting: it failed for stalling, not because its attempts ran out. */
  | 'retry'
  /** The retry policy gave up (or the job completed and the work did not): a person decides. */
  | 'give_up';

const ALIVE: ReadonlySet<JobState> = new Set(['waiting', 'prioritized', 'waiting-children', 'delayed', 'active']);

/** What a sweeper does with work that should be done by now (an unapplied event, an active run, a queued replay). */
export function stuckAction(work: { relayed: boolean; job: JobState; attemptsLeft: boolean }): StuckAction {
  if (!work.relayed) return 'leave';
  if (ALIVE.has(work.job)) return 'leave';
  if (work.job === 'missing' || work.job === 'unknown') return 'requeue';
  if (work.job === 'failed' && work.attemptsLeft) return 'retry';
  return 'give_up';
}
