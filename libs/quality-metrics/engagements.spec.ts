import { describe, expect, it } from '@jest/globals';
import { engagementOutcomes, type EngagementRecord, type EngagementStatus } from './engagements.js';

let next = 0;
const engagement = (status: EngagementStatus, rating: number | null = null, everDisputed = false): EngagementRecord => ({
  engagementId: `e${++next}`,
  status,
  everDisputed,
  rating,
});

describe('engagementOutcomes', () => {
  it('completes 2 of the 4 settled, rates 4 on average and counts 2 of 6 ever disputed', () => {
    const outcomes = engagementOutcomes([
      engagement('completed', 5),
      engagement('completed', 3, true), // a dispute settled back into completion
      engagement('cancelled'),
      engagement('disputed', null, true),
      engagement('in_progress'),
      engagement('delivered'),
    ]);
    expect(outcomes).toEqual({
      completion: { completed: 2, settled: 4, rate: 0.5 },
      rating: { count: 2, mean: 4 },
      disputes: { disputed: 2, engagements: 6, rate: 2 / 6 },
    });
  });

  it('counts an engagement disputed now as disputed even without the flag', () => {
    expect(engagementOutcomes([engagement('disputed'), engagement('completed')]).disputes).toEqual({ disputed: 1, engagements: 2, rate: 0.5 });
  });

  it('leaves engagements under way out of the completion rate', () => {
    const outcomes = engagementOutcomes([engagement('awaiting_payment'), engagement('in_progress'), engagement('delivered')]);
    expect(outcomes.completion).toEqual({ completed: 0, settled: 0, rate: null });
    expect(outcomes.disputes.rate).toBe(0);
  });

  it('is null throughout with no engagements', () => {
    expect(engagementOutcomes([])).toEqual({
      completion: { completed: 0, settled: 0, rate: null },
      rating: { count: 0, mean: null },
      disputes: { disputed: 0, engagements: 0, rate: null },
    });
  });

  it('accepts ratings 1 and 5 and refuses one outside 1..5', () => {
    expect(engagementOutcomes([engagement('completed', 1), engagement('completed', 5)]).rating).toEqual({ count: 2, mean: 3 });
    for (const bad of [0, 5.5, -1, Number.NaN]) expect(() => engagementOutcomes([engagement('completed', bad)])).toThrow(RangeError);
  });
});
