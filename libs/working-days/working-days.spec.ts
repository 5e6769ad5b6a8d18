import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { chinaDateOf, dueAfterWorkingDays, isWorkingDay, type WorkingCalendar } from './index.js';

// The State Council's 2026 schedule (国办发明电〔2025〕7号), as migration 0211 loads it.
const CALENDAR_2026: WorkingCalendar = {
  holidays: new Set([
    '2026-01-01',
    '2026-01-02',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-23',
    '2026-04-06',
    '2026-05-01',
    '2026-05-04',
    '2026-05-05',
    '2026-06-19',
    '2026-09-25',
    '2026-10-01',
    '2026-10-02',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ]),
  workdays: new Set(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']),
};

describe('working days on the mainland calendar', () => {
  it('counts a working Saturday: asked on Friday 9 October 2026, two working days are Saturday the 10th and Monday the 12th', () => {
    const due = dueAfterWorkingDays(new Date('2026-10-09T15:30:00+08:00'), 2, CALENDAR_2026);
    expect(due.date).toBe('2026-10-12');
    expect(due.dueAt.toISOString()).toBe('2026-10-12T16:00:00.000Z');
  });

  it('skips the Spring Festival: asked on Friday 13 February 2026, due on Tuesday the 24th', () => {
    expect(dueAfterWorkingDays(new Date('2026-02-13T09:00:00+08:00'), 2, CALENDAR_2026).date).toBe('2026-02-24');
  });

  it('counts the day of arrival in China Standard Time: 23:30 UTC on Thursday is already Friday in Shanghai', () => {
    expect(chinaDateOf(new Date('2026-10-08T23:30:00Z'))).toBe('2026-10-09');
    expect(dueAfterWorkingDays(new Date('2026-10-08T23:30:00Z'), 1, CALENDAR_2026).date).toBe('2026-10-10');
  });

  it('knows weekends, holidays and adjusted working days', () => {
    expect(isWorkingDay('2026-10-10', CALENDAR_2026)).toBe(true);
    expect(isWorkingDay('2026-10-11', CALENDAR_2026)).toBe(false);
    expect(isWorkingDay('2026-10-07', CALENDAR_2026)).toBe(false);
    expect(isWorkingDay('2026-10-08', CALENDAR_2026)).toBe(true);
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => dueAfterWorkingDays(new Date(), 0, CALENDAR_2026)).toThrow(RangeError);
  });

  it('always lands on a working day after the day of arrival, never more than days + 14 calendar days later', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-20T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 5 }),
        (at, days) => {
          const { date } = dueAfterWorkingDays(at, days, CALENDAR_2026);
          expect(isWorkingDay(date, CALENDAR_2026)).toBe(true);
          expect(date > chinaDateOf(at)).toBe(true);
          expect(Date.parse(date) - Date.parse(chinaDateOf(at))).toBeLessThanOrEqual((days + 14) * 86_400_000);
        },
      ),
    );
  });
});
