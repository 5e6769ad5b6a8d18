export { attemptsCovering, cappedDelay, retryWindowMs, scheduleCovering, type RetrySchedule } from './backoff.js';
export { stuckAction, type JobState, type StuckAction } from './stuck-work.js';
