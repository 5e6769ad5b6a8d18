import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { csvRows, parseCentralParity, type SheetRow } from '../../../libs/central-parity/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { AuditService } from '../audit/audit.service.js';
import { FxRatesRepository } from './fx-rates.repository.js';
import type { CentralParityBody, CentralParityView } from './fx-rates.schemas.js';

/** The first sheet of a workbook as numbered rows of text. */
async function xlsxRows(base64: string): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw DomainError.validation([{ path: 'xlsx', message: 'is not an .xlsx workbook' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw DomainError.validation([{ path: 'xlsx', message: 'the workbook has no sheet' }]);
  const rows: SheetRow[] = [];
  sheet.eachRow((row, number) => {
    const cells = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).text.trim());
    if (cells.some((c) => c !== '')) rows.push({ row: number, cells });
  });
  return rows;
}

/**
 * An admin loads the day's central parity (人民币汇率中间价) as CFETS publishes it: every rate of
 * the table in one transaction, each with its source and the pair as quoted, or none at all when
 * a row is wrong (400 naming each row and field). Importing the same table again changes nothing.
 */
@Injectable()
export class ImportCentralParity {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: FxRatesRepository,
    private readonly audit: AuditService,
  ) {}

  async import(caller: Caller, date: string, body: CentralParityBody): Promise<CentralParityView> {
    const rows = body.csv !== undefined ? csvRows(body.csv) : await xlsxRows(body.xlsx!);
    const { rates, problems } = parseCentralParity(rows, date);
    if (problems.length) throw DomainError.validation(problems, 'The table has rows that cannot be read; nothing was recorded');
    const source = (quoted: string) => `${body.source} (${quoted})`.slice(0, 300);
    return this.db.transaction(async (tx) => {
      const before = new Map(
        (
          await this.repo.lockOfDate(
            tx,
            date,
            rates.map((r) => r.currency),
          )
        ).map((r) => [r.currency, r]),
      );
      const counts = { created: 0, updated: 0, unchanged: 0 };
      for (const rate of rates) {
        const old = before.get(rate.currency);
        counts[!old ? 'created' : old.cnyPerUnit === rate.cnyPerUnit && old.source === source(rate.quoted) ? 'unchanged' : 'updated']++;
      }
      const rows = rates.map((r) => ({ rateDate: date, currency: r.currency, cnyPerUnit: r.cnyPerUnit, source: source(r.quoted), setBy: caller.sub }));
      await this.repo.upsertMany(tx, rows);
      await this.audit.record(tx, caller, {
        action: 'fx_rates.central_parity_imported',
        entityType: 'fx_rates',
        entityId: date,
        data: { currencies: rates.map((r) => r.currency), ...counts },
      });
      return { date, rates: rows.map((r) => ({ date, currency: r.currency, cnyPerUnit: r.cnyPerUnit, source: r.source })), ...counts };
    });
  }
}
