// Numbers and money as the console shows them: '–' where there is no figure.

export const DASH = '–';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
export const count = (v) => (isNum(v) ? v.toLocaleString('en-US') : DASH);
export const fixed = (v, digits = 2) => (isNum(v) ? v.toFixed(digits) : DASH);
export const percent = (v, digits = 1) => (isNum(v) ? `${(v * 100).toFixed(digits)}%` : DASH);
export const hours = (v) => (isNum(v) ? `${v.toFixed(1)} h` : DASH);

export const SYMBOLS = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$' };

/** Digits after the point of a currency (CNY 2, JPY 0), from the platform's ISO 4217 data. */
export function minorDigits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

/** Integer minor units as "¥1,234.56", exactly: string arithmetic, no floating point. */
export function money(amount, currency = 'CNY') {
  if (!Number.isSafeInteger(amount)) return DASH;
  const digits = minorDigits(currency);
  const s = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = s.slice(0, s.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = digits ? `${whole}.${s.slice(s.length - digits)}` : whole;
  return `${amount < 0 ? '-' : ''}${SYMBOLS[currency] ?? `${currency} `}${text}`;
}

/** Minor units as a plain number of major units, for chart axes only. */
export const major = (amount, currency = 'CNY') => amount / 10 ** minorDigits(currency);

/** "1234.5" (major units, as typed) → 123450 minor units; null when not a plain amount. */
export function parseMoney(text, currency = 'CNY') {
  const digits = minorDigits(currency);
  const m = new RegExp(`^\\s*(\\d+)(?:\\.(\\d{0,${digits}}))?\\s*$`).exec(String(text).replace(/[,，¥\s]/g, ''));
  if (!m) return null;
  const value = Number(m[1] + (m[2] ?? '').padEnd(digits, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

export const DAY = 86_400_000;
/** A local date as yyyy-mm-dd. */
export const isoDay = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
/** Local midnight of a yyyy-mm-dd, as an instant. */
export const localMidnight = (day) => new Date(`${day}T00:00:00`);
