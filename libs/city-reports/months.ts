/**
 * Report months are calendar months in Shanghai time (UTC+8 all year, no daylight saving), written
 * `YYYY-MM`. The caller passes `now`; nothing here reads a clock.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The month an instant falls in, in Shanghai time. */
export function monthOf(at: Date): string {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

function parts(month: string): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`${month} is not a YYYY-MM month`);
  return [Number(m[1]), Number(m[2])];
}

/** The month `n` months after (or before, n < 0) `month`. */
export function addMonths(month: string, n: number): string {
  const [year, mon] = parts(month);
  const index = year * 12 + (mon - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The half-open instant range [start, end) of a month in Shanghai time. */
export function monthBounds(month: string): { start: Date; end: Date } {
  const [year, mon] = parts(month);
  return { start: new Date(Date.UTC(year, mon - 1, 1) - SHANGHAI_OFFSET_MS), end: new Date(Date.UTC(year, mon, 1) - SHANGHAI_OFFSET_MS) };
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** The months a close at `now` freezes: the `lookback` months before the current one, oldest first. */
export function monthsToClose(now: Date, lookback: number): string[] {
  const current = monthOf(now);
  return monthsBetween(addMonths(current, -lookback), addMonths(current, -1));
}
