import { z } from 'zod';
import { DAY_MS } from '../../../libs/time/index.js';

// Date.UTC maps years 0–99 to 19xx, hence setUTCFullYear for 0001-01-01T00:00:00Z.
const FIRST_INSTANT = new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(1);
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * An ISO 8601 instant with its offset, within what Postgres stores and the ISO format writes back
 * (years 0001–9999 in UTC): '0000-01-01T00:00:00Z' is a 400 naming the field, not a 500.
 */
export function instant() {
  return z.iso.datetime({ offset: true }).refine((text) => {
    const at = Date.parse(text);
    return at >= FIRST_INSTANT && at <= LAST_INSTANT;
  }, 'must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z');
}

/** The longest period analytics endpoints compute over: their queries scan the whole span. */
export const MAX_PERIOD_DAYS = 3 * 366;

/** A period from `from` to `to` (now when absent) no longer than MAX_PERIOD_DAYS. */
export function periodWithinMaximum(from: string | undefined, to: string | undefined): boolean {
  if (!from) return true;
  const end = to ? Date.parse(to) : Date.now();
  return end - Date.parse(from) <= MAX_PERIOD_DAYS * DAY_MS;
}
