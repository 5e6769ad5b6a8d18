/** Milliseconds in a day: durations here are in days of 24 hours (UTC has no daylight saving). */
export const DAY_MS = 86_400_000;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}
