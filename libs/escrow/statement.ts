import { currencyMinorUnits, isCurrencyCode } from '../money/index.js';

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

/** RFC 4180 fields of one line: commas, and double quotes around fields that hold them. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  out.push(cell);
  return out.map((f) => f.trim());
}

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
  const rows = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((r) => r.trim() !== '');
  const problems: { path: string; message: string }[] = [];
  const header = fields(rows[0] ?? '').map((h) => h.toLowerCase());
  if (STATEMENT_COLUMNS.some((c, i) => header[i] !== c)) {
    return { lines: [], problems: [{ path: 'csv', message: `the header must be ${STATEMENT_COLUMNS.join(',')}` }] };
  }
  const lines: StatementLine[] = [];
  rows.slice(1).forEach((row, i) => {
    const path = `csv.line${i + 2}`;
    const [bankTxnId, bookedOn, reference, amount, currency, payerName, payerAccount] = fields(row);
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
