import { describe, expect, it } from '@jest/globals';
import { retryWindowMs } from '../../libs/retry/index.js';
import { RETRY_POLICIES } from './queues.js';

const HOUR = 3600_000;

describe('production retry policies', () => {
  it('keep notifications trying for at least 24 hours, starting near a second, waiting at most 10 minutes', () => {
    const policy = RETRY_POLICIES.notifications;
    expect(retryWindowMs(policy)).toBeGreaterThanOrEqual(24 * HOUR);
    expect(policy.baseMs).toBe(1000);
    expect(policy.capMs).toBeLessThanOrEqual(10 * 60_000);
  });

  it("keep Stripe applies trying for Stripe's own 3-day window", () => {
    expect(retryWindowMs(RETRY_POLICIES.webhooks)).toBeGreaterThanOrEqual(72 * HOUR);
    expect(RETRY_POLICIES.webhooks.baseMs).toBe(1000);
  });

  it('keep search-sync trying for a day, and give reconciliation about 20 minutes before the run is failed', () => {
    expect(retryWindowMs(RETRY_POLICIES['search-sync'])).toBeGreaterThanOrEqual(24 * HOUR);
    const reconciliation = retryWindowMs(RETRY_POLICIES.reconciliation);
    expect(reconciliation).toBeGreaterThan(15 * 60_000);
    expect(reconciliation).toBeLessThan(30 * 60_000);
  });
});
