import { parse } from 'csv-parse/sync';

/** A CSV record and the line of the text it starts on (1-based). */
export interface CsvRow {
  row: number;
  cells: string[];
}

/**
 * RFC 4180 CSV read with csv-parse: a BOM dropped, blank lines skipped (still counted), cells
 * trimmed, rows of any length, and a stray quote inside a field taken as text, as a person who
 * typed it meant — the callers judge each row's cells and name the line of any they refuse.
 */
export function csvRows(csv: string): CsvRow[] {
  const records = parse(csv, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  return records.map(({ record, info }) => ({ row: info.lines, cells: record })).filter((r) => r.cells.some((c) => c !== ''));
}
