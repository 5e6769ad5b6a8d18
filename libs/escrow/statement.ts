import { currencyMinorUnits, isCurrencyCode } from '../money/index.js';
import { csvRows } from '../csv/index.js';

/** One credit on the custodian bank's statement. */
export interface StatementLine {
  bankTxnId: string;
  bookedOn: string;
  reference: string;
  /** Minor units. */
  amount: number;
  currency: string;
  payerName: string;
  payerAccount: string;
}

export const STATEMENT_COLUMNS = ['bank_txn_id', 'booked_on', 'reference', 'amount', 'currency', 'payer_name', 'payer_account'] as const;

/** "1500.00" CNY → 150000: digits only, exact (BigInt), at most the currency's places. */
export function parseMajorUnits(text: string, currency: string): number | null {
  const places = currencyMinorUnits(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text);
  if (!match || (match[2]?.length ?? 0) > places) return null;
  const minor = BigInt(match[1]!) * 10n ** BigInt(places) + BigInt((match[2] ?? '').padEnd(places, '0') || '0');
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}

/**
 * The custodian bank's statement as CSV (a header of STATEMENT_COLUMNS, then a credit per line).
 * Returns the lines, or the problems with their line numbers; nothing is half-read.
 */
export function parseStatement(csv: string): { lines: StatementLine[]; problems: { path: string; message: string }[] } {
  const rows = csvRows(csv);
  const problems: { path: string; message: string }[] = [];
  const header = (rows[0]?.cells ?? []).map((h) => h.toLowerCase());
  if (STATEMENT_COLUMNS.some((c, i) => header[i] !== c)) {
    return { lines: [], problems: [{ path: 'csv', message: `the header must be ${STATEMENT_COLUMNS.join(',')}` }] };
  }
  const lines: StatementLine[] = [];
  rows.slice(1).forEach(({ row, cells }) => {
    const path = `csv.line${row}`;
    const [bankTxnId, bookedOn, reference, amount, currency, payerName, payerAccount] = cells;
    if (!bankTxnId || !reference || !payerName || !payerAccount) return problems.push({ path, message: 'every column needs a value' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(bookedOn ?? '') || Number.isNaN(Date.parse(bookedOn!)))
      return problems.push({ path, message: 'booked_on is a date YYYY-MM-DD' });
    if (!isCurrencyCode(currency ?? '')) return problems.push({ path, message: 'currency is an ISO 4217 code' });
    const minor = parseMajorUnits(amount ?? '', currency!);
    if (minor === null || minor === 0) return problems.push({ path, message: `amount is a positive decimal in ${currency} (at most its minor-unit places)` });
    lines.push({ bankTxnId, bookedOn: bookedOn!, reference, amount: minor, currency: currency!, payerName, payerAccount });
  });
  return { lines, problems };
}
