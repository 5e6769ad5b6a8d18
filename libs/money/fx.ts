import { currencyMinorUnits } from './currency.js';

/**
 * A rate locked from the platform's table: units of the programme's currency (CNY) per one unit of
 * the purchase's currency, as the decimal string it was published in ("7.1234"). Conversions are
 * exact rational arithmetic on BigInt and round down (in the programme's favour both ways), so no
 * float ever touches money.
 */
export interface FxRate {
  from: string;
  to: string;
  perUnit: string;
}

const RATE = /^(\d{1,6})(?:\.(\d{1,10}))?$/;

export function isRateText(text: string): boolean {
  const m = RATE.exec(text);
  return m !== null && BigInt(`${m[1]}${m[2] ?? ''}`) > 0n;
}

/** The rate as numerator / denominator of its decimal text. */
function fraction(perUnit: string): { num: bigint; den: bigint } {
  const m = RATE.exec(perUnit);
  if (!m) throw new RangeError(`not a rate: ${JSON.stringify(perUnit)}`);
  const places = m[2]?.length ?? 0;
  const num = BigInt(`${m[1]}${m[2] ?? ''}`);
  if (num === 0n) throw new RangeError('a rate is above zero');
  return { num, den: 10n ** BigInt(places) };
}

function safe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('the converted amount is beyond safe minor units');
  return Number(value);
}

/** `amount` minor units of `rate.from` in minor units of `rate.to`, rounded down. */
export function convertDown(amount: number, rate: FxRate): number {
  const { num, den } = fraction(rate.perUnit);
  const scale = 10n ** BigInt(currencyMinorUnits(rate.to));
  const unscale = 10n ** BigInt(currencyMinorUnits(rate.from));
  return safe((BigInt(amount) * num * scale) / (den * unscale));
}

/** Back: `amount` minor units of `rate.to` in minor units of `rate.from`, rounded down. */
export function convertBackDown(amount: number, rate: FxRate): number {
  const { num, den } = fraction(rate.perUnit);
  const scale = 10n ** BigInt(currencyMinorUnits(rate.to));
  const unscale = 10n ** BigInt(currencyMinorUnits(rate.from));
  return safe((BigInt(amount) * den * unscale) / (num * scale));
}

/** A rate of `rateDate` (YYYY-MM-DD) is stale once more than `maxAgeDays` whole days old at `now` (UTC). */
export function isRateStale(rateDate: string, now: Date, maxAgeDays: number): boolean {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return (today - Date.parse(`${rateDate}T00:00:00Z`)) / 86_400_000 > maxAgeDays;
}

/** Minor units of `rate.to` per minor unit of `rate.from`, as exact decimal text (for SQL numeric). */
export function minorUnitFactor(rate: FxRate): string {
  const { num, den } = fraction(rate.perUnit);
  const shift = currencyMinorUnits(rate.to) - currencyMinorUnits(rate.from);
  const n = num * 10n ** BigInt(Math.max(shift, 0));
  const d = den * 10n ** BigInt(Math.max(-shift, 0));
  const places = d.toString().length - 1;
  const fractionDigits = (n % d).toString().padStart(places, '0').replace(/0+$/, '');
  return fractionDigits ? `${n / d}.${fractionDigits}` : `${n / d}`;
}
