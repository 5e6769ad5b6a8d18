import type { EngagementStatus } from './transitions.js';

export type DisputeStatus = 'open' | 'won' | 'lost';

/**
 * A dispute only moves forward: open → won | lost. A late `created` after a `closed` changes
 * nothing, so events in any order end the same.
 */
export function mergeDispute(current: DisputeStatus | null, reported: DisputeStatus): DisputeStatus {
  if (current === 'won' || current === 'lost') return current;
  return reported;
}

/**
 * The engagement under a dispute: open → disputed; won by the provider → back to where it was;
 * lost → cancelled (the money went back to the enterprise).
 */
export function engagementAfterDispute(before: EngagementStatus, dispute: DisputeStatus): EngagementStatus {
  if (dispute === 'open') return 'disputed';
  return dispute === 'won' ? before : 'cancelled';
}
