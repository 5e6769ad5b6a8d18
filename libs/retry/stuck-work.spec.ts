import { describe, expect, it } from '@jest/globals';
import { stuckAction } from './index.js';

describe('stuckAction', () => {
  it('leaves work the relay has not enqueued yet, and work whose job is alive', () => {
    expect(stuckAction({ relayed: false, job: 'missing', attemptsLeft: true })).toBe('leave');
    for (const job of ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'] as const) {
      expect(stuckAction({ relayed: true, job, attemptsLeft: true })).toBe('leave');
    }
  });
  it('enqueues again work whose job is gone', () => {
    expect(stuckAction({ relayed: true, job: 'missing', attemptsLeft: true })).toBe('requeue');
    expect(stuckAction({ relayed: true, job: 'unknown', attemptsLeft: false })).toBe('requeue');
  });
  it('retries a job that failed for stalling, and gives up on one whose attempts ran out', () => {
    expect(stuckAction({ relayed: true, job: 'failed', attemptsLeft: true })).toBe('retry');
    expect(stuckAction({ relayed: true, job: 'failed', attemptsLeft: false })).toBe('give_up');
    expect(stuckAction({ relayed: true, job: 'completed', attemptsLeft: true })).toBe('give_up');
  });
});
