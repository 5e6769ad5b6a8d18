import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { FIGURE_COLUMNS, toFigureRows, type FigureRow } from '../../../libs/city-reports/index.js';
import type { ReportView } from './reports.schemas.js';

function rowsOf(report: ReportView): FigureRow[] {
  return report.months.flatMap((m) => toFigureRows(m.district, m.month, m.closed, m.figures));
}

/** The report as CSV: UTF-8 with BOM (Excel opens it as UTF-8), a row per figure. */
export function reportCsv(report: ReportView): string {
  return stringify(
    rowsOf(report).map((r) => FIGURE_COLUMNS.map((c) => (c === 'closed' ? String(r.closed) : r[c]))),
    { bom: true, record_delimiter: 'windows', header: true, columns: [...FIGURE_COLUMNS] },
  );
}

/** The report as an XLSX workbook: the same rows as the CSV on a sheet `figures`, numbers as numbers. */
export async function reportXlsx(report: ReportView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Seaward';
  const sheet = workbook.addWorksheet('figures');
  sheet.columns = FIGURE_COLUMNS.map((key) => ({ header: key, key, width: key === 'figure' ? 26 : 14 }));
  for (const row of rowsOf(report)) sheet.addRow(row);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
