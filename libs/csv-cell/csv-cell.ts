/**
 * OWASP's CSV-injection rule: a cell a spreadsheet (Excel, WPS, LibreOffice) would read as a
 * formula — one starting with `=`, `+`, `-`, `@`, a tab or a carriage return — is prefixed with a
 * single quote, so it shows as text. Numbers stay numbers: a number, or a string that is a plain
 * decimal (`-300.00`, as amounts are written), is left as it is. Quoting of commas and double
 * quotes is the CSV writer's job (csv-stringify), not this function's.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

export type CsvValue = string | number | null | undefined;

export function safeCsvCell(value: CsvValue): string | number | null | undefined {
  if (typeof value !== 'string') return value;
  if (PLAIN_DECIMAL.test(value) || !FORMULA_START.test(value)) return value;
  return `'${value}`;
}

/** Every cell of a row through safeCsvCell. */
export function safeCsvRow(row: readonly CsvValue[]): (string | number | null | undefined)[] {
  return row.map(safeCsvCell);
}
