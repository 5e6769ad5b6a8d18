import { DAY_MS } from '../time/index.js';

/** A day's closing balances of a programme's holding accounts, in minor units. */
export interface LedgerPoint {
  date: string;
  reserved: number;
  committed: number;
  approved: number;
  paid: number;
  available: number;
}

export interface BurnDown {
  /** Average fall of `available` per day over the window (0 when it did not fall). */
  spentPerDay: number;
  /** The day `available` reaches zero at that pace (UTC date), or null when nothing is being spent. */
  runsOutOn: string | null;
}

/**
 * The pace at which `available` has fallen over the last `windowDays` (from the last point
 * before the window, or the first point), and the day it runs out at that pace, counted from
 * `today`. Floors the pace to a whole minor unit, so a date is never promised too early.
 */
export function burnDown(points: readonly LedgerPoint[], today: Date, windowDays = 30): BurnDown {
  if (points.length === 0) return { spentPerDay: 0, runsOutOn: null };
  const last = points.at(-1)!;
  const windowStart = today.getTime() - windowDays * DAY_MS;
  const base = [...points].reverse().find((p) => Date.parse(p.date) <= windowStart) ?? points[0]!;
  const days = Math.max(1, (today.getTime() - Date.parse(base.date)) / DAY_MS);
  const spentPerDay = Math.floor(Math.max(0, base.available - last.available) / days);
  if (spentPerDay === 0) return { spentPerDay: 0, runsOutOn: null };
  const daysLeft = Math.ceil(last.available / spentPerDay);
  return { spentPerDay, runsOutOn: new Date(today.getTime() + daysLeft * DAY_MS).toISOString().slice(0, 10) };
}

/** Daily closing balances from per-day net changes, carried forward from zero. */
export function dailyBalances(changes: readonly { date: string; account: string; delta: number }[]): LedgerPoint[] {
  const byDate = new Map<string, Map<string, number>>();
  for (const c of changes) {
    const day = byDate.get(c.date) ?? new Map<string, number>();
    day.set(c.account, (day.get(c.account) ?? 0) + c.delta);
    byDate.set(c.date, day);
  }
  const running: Omit<LedgerPoint, 'date'> = { reserved: 0, committed: 0, approved: 0, paid: 0, available: 0 };
  return [...byDate.keys()].sort().map((date) => {
    for (const [account, delta] of byDate.get(date)!) if (account in running) running[account as keyof typeof running] += delta;
    return { date, ...running };
  });
}
