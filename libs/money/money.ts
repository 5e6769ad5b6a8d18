import { isCurrencyCode } from './currency.js';
import { assertMinorUnits } from './minor-units.js';

/** An amount in integer minor units (fen for CNY) of an ISO 4217 currency (docs/api.md "Money"). */
export interface Money {
  amount: number;
  currency: string;
}

export function money(amount: number, currency: string): Money {
  assertMinorUnits(amount);
  if (!isCurrencyCode(currency)) {
    throw new RangeError(`currency must be an ISO 4217 code, got ${JSON.stringify(currency)}`);
  }
  return { amount, currency };
}

/** Amounts of one currency, for views that show several of a row's amounts. */
export function moneyIn(currency: string): (amount: number) => Money {
  return (amount) => money(amount, currency);
}
