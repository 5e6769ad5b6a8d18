// Numbers and money as a person reads them: "¥1,200,000.00", "30%"; '–' where there is no figure.

export const DASH = '–';

export const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$' };

/** Digits after the point of a currency (CNY 2, JPY 0), from the platform's ISO 4217 data. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export interface Money {
  amount: number;
  currency: string;
}

/** Integer minor units as "¥1,234.56", exactly: string arithmetic, no floating point. */
export function money(value: Money | null | undefined): string;
export function money(amount: number, currency?: string): string;
export function money(value: Money | number | null | undefined, currency = 'CNY'): string {
  if (value === null || value === undefined) return DASH;
  const amount = typeof value === 'number' ? value : value.amount;
  const code = typeof value === 'number' ? currency : value.currency;
  if (!Number.isSafeInteger(amount)) return DASH;
  const digits = minorDigits(code);
  const s = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = s.slice(0, s.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = digits ? `${whole}.${s.slice(s.length - digits)}` : whole;
  return `${amount < 0 ? '-' : ''}${SYMBOLS[code] ?? `${code} `}${text}`;
}

/** "1,234.5" (major units, as typed) → 123450 minor units; null when not a plain amount. */
export function parseMoney(text: string | number | null | undefined, currency = 'CNY'): number | null {
  const digits = minorDigits(currency);
  const m = new RegExp(`^\\s*(\\d+)(?:\\.(\\d{0,${digits}}))?\\s*$`).exec(String(text ?? '').replace(/[,，¥\s]/g, ''));
  if (!m) return null;
  const value = Number(m[1]! + (m[2] ?? '').padEnd(digits, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

/** 3000 bps → "30%", 2550 → "25.5%". */
export const ratePercent = (bps: number): string => `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/** An instant as the local day, yyyy-mm-dd. */
export const day = (iso: string | null | undefined): string =>
  iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 10) : DASH;

/** The end of a local yyyy-mm-dd, as an ISO instant. */
export const endOfDay = (yyyyMmDd: string): string => new Date(`${yyyyMmDd}T23:59:59`).toISOString();

/** The local yyyy-mm-dd `days` from now: what a date field shows as today (not UTC's day). */
export const localDay = (days = 0): string => day(new Date(Date.now() + days * 86_400_000).toISOString());
