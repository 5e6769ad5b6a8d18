import { currencyMinorUnits } from './currency.js';
import { money, type Money } from './money.js';

/**
 * The amount in major units as a plain decimal string ("300000.00" for 30000000 CNY,
 * "1500" JPY, "1.234" KWD), no separators. Built from the integer's digits, never by dividing
 * a float, so every safe amount prints exactly.
 */
export function toMajorUnits(m: Money): string {
  const { amount, currency } = money(m.amount, m.currency);
  const places = currencyMinorUnits(currency);
  if (places === 0) return amount.toString();
  const digits = amount.toString().padStart(places + 1, '0');
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
