import currencyCodes from 'currency-codes';

export interface CurrencyInfo {
  code: string;
  name: string;
  minorUnits: number;
}

/**
 * ISO 4217 lists "N.A." minor units for metals, funds and special codes (XAU, XDR, XTS, XXX…);
 * currency-codes reads that as 0, and so do we for anything that is not a small non-negative
 * integer: such amounts count whole units instead of the code being refused.
 */
function minorUnitsOf(digits: unknown): number {
  return Number.isInteger(digits) && (digits as number) >= 0 && (digits as number) <= 4 ? (digits as number) : 0;
}

const CURRENCIES: ReadonlyMap<string, Readonly<CurrencyInfo>> = new Map(
  currencyCodes.data
    .map((record) => ({
      code: record.code,
      // The data has stray whitespace in a few names ("Comorian Franc ").
      name: record.currency.trim(),
      minorUnits: minorUnitsOf(record.digits),
    }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((info) => [info.code, Object.freeze(info)] as const),
);

/** Exactly three upper-case letters naming an active ISO 4217 code; no case folding. */
export function isCurrencyCode(code: string): boolean {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}

/** Decimal places of the currency's minor unit: CNY 2, JPY 0, KWD 3. */
export function currencyMinorUnits(code: string): number {
  const info = isCurrencyCode(code) ? CURRENCIES.get(code) : undefined;
  if (!info) throw new RangeError(`unknown ISO 4217 currency ${JSON.stringify(code)}`);
  return info.minorUnits;
}

/** Every ISO 4217 code currency-codes knows, sorted by code; fresh objects on each call. */
export function listCurrencies(): CurrencyInfo[] {
  return [...CURRENCIES.values()].map((info) => ({ ...info }));
}
