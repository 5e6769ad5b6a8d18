/**
 * Working days on the mainland calendar: Monday to Friday, less the public holidays, plus the
 * weekend days the State Council makes working days (调休). Days are ISO dates in China Standard
 * Time (UTC+8, no daylight saving), the calendar every deadline here is counted in.
 */
export interface WorkingCalendar {
  /** Weekdays off (public holidays and the days in lieu). */
  holidays: ReadonlySet<string>;
  /** Weekend days worked (adjusted working days). */
  workdays: ReadonlySet<string>;
}

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The ISO date (yyyy-mm-dd) of an instant in China Standard Time. */
export function chinaDateOf(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The deadline of something received at `at` with `days` working days to answer: the end (24:00
 * China Standard Time) of the `days`-th working day after the day it arrived. The day of arrival
 * never counts, whatever the hour, so a question asked late on Friday before a working Saturday is
 * due at the end of that Saturday with one day, and of the next working day after it with two.
 */
export function dueAfterWorkingDays(at: Date, days: number, calendar: WorkingCalendar): { date: string; dueAt: Date } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, not ${days}`);
  let date = chinaDateOf(at);
  for (let counted = 0; counted < days;) {
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return { date, dueAt: new Date(Date.parse(`${nextDate(date)}T00:00:00Z`) - CST_OFFSET_MS) };
}
