import { money, type Money } from './money.js';

function sameCurrency(a: Money, b: Money): string {
  if (a.currency !== b.currency) {
    throw new RangeError(`currency mismatch: ${a.currency} and ${b.currency}`);
  }
  return a.currency;
}

/** Throws RangeError on a currency mismatch or a sum past Number.MAX_SAFE_INTEGER. */
export function addMoney(a: Money, b: Money): Money {
  const currency = sameCurrency(money(a.amount, a.currency), money(b.amount, b.currency));
  // Both terms are safe, so an unsafe true sum always shows as an unsafe float sum.
  return money(a.amount + b.amount, currency);
}

/** Throws RangeError on a currency mismatch or a result below zero. */
export function subtractMoney(a: Money, b: Money): Money {
  const currency = sameCurrency(money(a.amount, a.currency), money(b.amount, b.currency));
  if (b.amount > a.amount) {
    throw new RangeError(`cannot subtract ${b.amount} from ${a.amount} ${currency}: money does not go below zero`);
  }
  return money(a.amount - b.amount, currency);
}

/** The smallest of same-currency amounts. */
export function minMoney(first: Money, ...rest: Money[]): Money {
  let least = money(first.amount, first.currency);
  for (const other of rest) {
    const next = money(other.amount, other.currency);
    sameCurrency(least, next);
    if (next.amount < least.amount) least = next;
  }
  return least;
}
