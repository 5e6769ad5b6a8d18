import { describe, expect, it } from '@jest/globals';
import { burnDown, dailyBalances } from './burn-down.js';

describe('dailyBalances', () => {
  it('carries each account forward from the net changes of each day', () => {
    const points = dailyBalances([
      { date: '2026-09-01', account: 'available', delta: 1000 },
      { date: '2026-09-03', account: 'available', delta: -300 },
      { date: '2026-09-03', account: 'reserved', delta: 300 },
      { date: '2026-09-02', account: 'budget', delta: -1000 },
    ]);
    expect(points).toEqual([
      { date: '2026-09-01', reserved: 0, committed: 0, approved: 0, paid: 0, available: 1000 },
      { date: '2026-09-02', reserved: 0, committed: 0, approved: 0, paid: 0, available: 1000 },
      { date: '2026-09-03', reserved: 300, committed: 0, approved: 0, paid: 0, available: 700 },
    ]);
  });
});

describe('burnDown', () => {
  const point = (date: string, available: number) => ({ date, reserved: 0, committed: 0, approved: 0, paid: 0, available });

  it('projects the run-out day from the pace over the window', () => {
    // 1,000 fell to 700 over 30 days: 10 a day; 700 left → 70 days after today.
    const result = burnDown([point('2026-10-01', 1000), point('2026-10-31', 700)], new Date('2026-10-31T00:00:00Z'));
    expect(result).toEqual({ spentPerDay: 10, runsOutOn: '2027-01-09' });
  });

  it('promises no date when nothing is spent', () => {
    expect(burnDown([point('2026-10-01', 1000)], new Date('2026-10-31T00:00:00Z'))).toEqual({ spentPerDay: 0, runsOutOn: null });
    expect(burnDown([], new Date())).toEqual({ spentPerDay: 0, runsOutOn: null });
  });
});
