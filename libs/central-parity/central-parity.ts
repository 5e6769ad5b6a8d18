import { csvRows as readCsv } from '../csv/index.js';
import { isCurrencyCode } from '../money/index.js';

/** One row of a sheet as the reader found it: its 1-based number in the file and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** A rate of the table, as the platform keeps it: CNY per one unit of `currency`. */
export interface ParityRate {
  currency: string;
  cnyPerUnit: string;
  /** The pair and figure as published (`USD/CNY 7.1234`, `100JPY/CNY 4.789`, `CNY/SAR 0.52345`). */
  quoted: string;
  row: number;
}

/** What is wrong, where: `path` is `rows.<row>.<field>` (the file's own row number). */
export interface ParityProblem {
  path: string;
  message: string;
}

const PAIR = /^(\d*)([A-Z]{3})\/([A-Z]{3})$/;
const FIGURE = /^(\d{1,9})(?:\.(\d{1,10}))?$/;
const PLACES = 10;

/** A CSV text as numbered rows (libs/csv). */
export const csvRows = (csv: string): SheetRow[] => readCsv(csv);

/** a / b as decimal text with at most PLACES places, rounded down, trailing zeros dropped. */
function divide(num: bigint, den: bigint): string {
  const scaled = (num * 10n ** BigInt(PLACES)) / den;
  const whole = scaled / 10n ** BigInt(PLACES);
  const frac = (scaled % 10n ** BigInt(PLACES)).toString().padStart(PLACES, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

/**
 * CNY per unit from one published quote. CFETS quotes most currencies as units of CNY per 1 (or
 * per 100, `100JPY/CNY`) of the currency, and some the other way round (`CNY/SAR`: SAR per 1 CNY),
 * which is inverted here, rounded down at 10 places.
 */
function toCnyPerUnit(pair: string, figure: string): { currency: string; cnyPerUnit: string } | { field: 'pair' | 'rate'; message: string } {
  const p = PAIR.exec(pair.toUpperCase().replace(/\s+/g, ''));
  if (!p) return { field: 'pair', message: 'a currency pair such as USD/CNY, 100JPY/CNY or CNY/SAR' };
  const [, per = '', base, quote] = p;
  if ((base === 'CNY') === (quote === 'CNY')) return { field: 'pair', message: 'one side of the pair is CNY, the other another currency' };
  const currency = base === 'CNY' ? quote! : base!;
  if (!isCurrencyCode(currency)) return { field: 'pair', message: `${currency} is not an ISO 4217 currency` };
  const units = per === '' ? 1n : BigInt(per);
  if (units === 0n || !/^10*$/.test(units.toString())) return { field: 'pair', message: 'the quantity before the currency is 1, 10, 100, …' };
  const f = FIGURE.exec(figure);
  if (!f) return { field: 'rate', message: 'a decimal number above zero such as 7.1234' };
  const value = BigInt(`${f[1]}${f[2] ?? ''}`);
  const scale = 10n ** BigInt(f[2]?.length ?? 0);
  if (value === 0n) return { field: 'rate', message: 'must be above zero' };
  // CNY per unit = value/scale/units, or for CNY/XXX: units/(value/scale) (units on the CNY side).
  const cnyPerUnit = base === 'CNY' ? divide(scale * units, value) : divide(value, scale * units);
  if (!/^\d{1,6}(\.\d{1,10})?$/.test(cnyPerUnit) || /^0(\.0*)?$/.test(cnyPerUnit)) {
    return { field: 'rate', message: `gives ${cnyPerUnit} CNY per ${currency}, outside what the rate table holds` };
  }
  return { currency, cnyPerUnit };
}

const DATE_HEADERS = new Set(['date', '日期']);
const PAIR_HEADERS = new Set(['pair', '货币对']);
const RATE_HEADERS = new Set(['rate', '中间价', 'central parity']);

/**
 * The day's central-parity table (人民币汇率中间价) as CFETS publishes it, in one of two shapes:
 * a column per pair with a row per date (`日期,USD/CNY,EUR/CNY,100JPY/CNY,…,CNY/SAR`, the row of
 * `date` taken), or a row per pair (`pair,rate`). Returns every rate, or every problem: a table
 * with any bad row gives no rates at all.
 */
export function parseCentralParity(rows: SheetRow[], date: string): { rates: ParityRate[]; problems: ParityProblem[] } {
  const [header, ...body] = rows;
  if (!header) return { rates: [], problems: [{ path: 'rows', message: 'the table is empty' }] };
  const names = header.cells.map((c) => c.toLowerCase());
  const quotes = DATE_HEADERS.has(names[0] ?? '') ? wideQuotes(header, body, date) : longQuotes(header, names, body);
  if ('problems' in quotes) return { rates: [], problems: quotes.problems };
  const problems: ParityProblem[] = [];
  const rates: ParityRate[] = [];
  const seen = new Map<string, number>();
  for (const q of quotes.list) {
    const converted = toCnyPerUnit(q.pair, q.figure);
    if ('field' in converted) {
      problems.push({ path: `rows.${q.row}.${q.field ?? converted.field}`, message: converted.message });
      continue;
    }
    const earlier = seen.get(converted.currency);
    if (earlier !== undefined) {
      problems.push({ path: `rows.${q.row}.${q.field ?? 'pair'}`, message: `${converted.currency} is quoted twice (also row ${earlier})` });
      continue;
    }
    seen.set(converted.currency, q.row);
    rates.push({ ...converted, quoted: `${q.pair} ${q.figure}`, row: q.row });
  }
  if (rates.length === 0 && problems.length === 0) problems.push({ path: 'rows', message: 'the table holds no rate' });
  return problems.length ? { rates: [], problems } : { rates, problems };
}

interface Quote {
  row: number;
  pair: string;
  figure: string;
  /** Where a wide table's problem lies: the pair's column. */
  field?: string;
}

function longQuotes(header: SheetRow, names: string[], body: SheetRow[]): { list: Quote[] } | { problems: ParityProblem[] } {
  if (!PAIR_HEADERS.has(names[0] ?? '') || !RATE_HEADERS.has(names[1] ?? '')) {
    return { problems: [{ path: `rows.${header.row}`, message: 'the header is pair,rate (货币对,中间价), or 日期 followed by the pairs' }] };
  }
  return { list: body.map((r) => ({ row: r.row, pair: r.cells[0] ?? '', figure: r.cells[1] ?? '' })) };
}

function wideQuotes(header: SheetRow, body: SheetRow[], date: string): { list: Quote[] } | { problems: ParityProblem[] } {
  const day = body.filter((r) => normaliseDate(r.cells[0] ?? '') === date);
  if (day.length !== 1) {
    return { problems: [{ path: 'rows', message: day.length ? `${date} has ${day.length} rows` : `no row is dated ${date}` }] };
  }
  const [row] = day;
  return {
    list: header.cells.slice(1).flatMap((pair, i) => {
      const figure = row!.cells[i + 1] ?? '';
      // CFETS leaves a pair's cell empty on a day it published none.
      return figure === '' || figure === '-' ? [] : [{ row: row!.row, pair, figure, field: pair }];
    }),
  };
}

/** 2026-12-07, 2026/12/7 or 20261207 → 2026-12-07. */
function normaliseDate(text: string): string {
  const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/.exec(text.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text.trim();
}
