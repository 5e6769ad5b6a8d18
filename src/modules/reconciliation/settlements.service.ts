import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { safeCsvRow, type CsvValue } from '../../../libs/csv-cell/index.js';
import { toMajorUnits } from '../../../libs/money/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { decodeCursor, toPage } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { SettlementRow } from '../../db/schema/reconciliation.js';
import { AuditService } from '../audit/audit.service.js';
import { ClaimsService } from '../subsidies/claims.service.js';
import { ProgramFunders } from '../subsidies/funders.service.js';
import { ProgramsService } from '../subsidies/programs.service.js';
import { engagementCursor, type SettlementEngagementsQuery } from './reconciliation.schemas.js';
import { SettlementsRepository, type SettledEngagement, type SettlementLine } from './settlements.repository.js';

const LINE_COLUMNS = ['payeeType', 'payeeId', 'payeeName', 'engagements', 'amount', 'currency'];
const ENGAGEMENT_COLUMNS = ['payeeType', 'payeeId', 'payeeName', 'engagementId', 'claimId', 'amount', 'currency'];

/**
 * Settlement batches: what a run approved, per payee; confirmed when the district has paid. A
 * settlement of any size is served without holding its engagements: lines are per payee, the
 * engagements are paged or streamed from the database.
 */
@Injectable()
export class SettlementsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: SettlementsRepository,
    private readonly programs: ProgramsService,
    private readonly claims: ClaimsService,
    private readonly audit: AuditService,
    private readonly funders: ProgramFunders,
  ) {}

  async list(caller: Caller, programId: string) {
    await this.programs.managed(caller, programId);
    const rows = await this.repo.ofProgram(programId);
    return { data: rows.map((s) => this.header(s)), nextCursor: null };
  }

  async get(caller: Caller, id: string) {
    const settlement = await this.managed(caller, id);
    const lines = await this.repo.lines(id);
    return {
      ...this.header(settlement),
      lines: lines.map((l) => ({
        payeeType: l.payee_type,
        payeeId: l.payee_id,
        payeeName: l.payee_name,
        engagements: l.engagements,
        amount: { amount: Number(l.amount), currency: settlement.currency },
      })),
    };
  }

  /** The engagements behind the lines (one payee's if asked), a page at a time. */
  async engagements(caller: Caller, id: string, query: SettlementEngagementsQuery) {
    const settlement = await this.managed(caller, id);
    const after = decodeCursor(query.cursor, engagementCursor);
    const rows = await this.repo.engagements(id, { payeeId: query.payeeId, after }, query.limit);
    return toPage(
      [...rows],
      query.limit,
      (r) => ({
        engagementId: r.engagement_id,
        claimId: r.claim_id,
        payeeType: r.payee_type,
        payeeId: r.payee_id,
        amount: { amount: Number(r.amount), currency: settlement.currency },
      }),
      (r) => ({ payeeType: r.payee_type, payeeId: r.payee_id, claimCreatedAt: r.claimed_at, claimId: r.claim_id }),
    );
  }

  /**
   * The CSV, one row per payee or (`engagements`) per engagement, streamed from the database into
   * csv-stringify's stream a fetch at a time, waiting whenever the client reads slower: memory
   * stays flat whatever the size. Cells pass libs/csv-cell (no spreadsheet formulas); amounts in
   * major units; UTF-8 with a byte-order mark so Excel opens the Chinese names.
   */
  async csv(caller: Caller, id: string, detail: 'lines' | 'engagements'): Promise<Readable> {
    const settlement = await this.managed(caller, id);
    const major = (amount: string) => toMajorUnits({ amount: Number(amount), currency: settlement.currency });
    const out = stringify({ bom: true, record_delimiter: 'windows' });
    const write = async <T>(columns: string[], stream: (onRows: (rows: T[]) => Promise<boolean>) => Promise<void>, row: (r: T) => CsvValue[]) => {
      out.write(columns);
      await stream(async (rows) => {
        // A client gone: returning false ends the database cursor and its transaction.
        if (out.destroyed) return false;
        for (const r of rows) out.write(safeCsvRow(row(r)));
        if (out.writableNeedDrain) {
          // Whichever comes first; the other listener is removed, not left behind on every wait.
          const waited = new AbortController();
          await Promise.race([once(out, 'drain', { signal: waited.signal }), once(out, 'close', { signal: waited.signal })]).finally(() => waited.abort());
        }
        return !out.destroyed;
      });
      out.end();
    };
    const written =
      detail === 'lines'
        ? write<SettlementLine>(
            LINE_COLUMNS,
            (onRows) => this.repo.streamLines(id, onRows),
            (l) => [l.payee_type, l.payee_id, l.payee_name, l.engagements, major(l.amount), settlement.currency],
          )
        : write<SettledEngagement>(
            ENGAGEMENT_COLUMNS,
            (onRows) => this.repo.streamEngagements(id, onRows),
            (e) => [e.payee_type, e.payee_id, e.payee_name, e.engagement_id, e.claim_id, major(e.amount), settlement.currency],
          );
    written.catch((error: unknown) => out.destroy(error as Error));
    return out;
  }

  /**
   * One funder's part of a co-funded programme's settlement (issue 28), per payee: for the
   * programme's officers and the funder's own; another funder's officer, or none, is 404.
   */
  async forFunder(caller: Caller, id: string, funder: string) {
    const settlement = await this.repo.find(id);
    const program = settlement ? await this.programs.terms(settlement.programId) : undefined;
    if (!settlement || !program) throw new DomainError('not_found');
    const lines = await this.funders.settlementLines(caller, program, id, funder);
    const money = (amount: string) => ({ amount: Number(amount), currency: settlement.currency });
    return {
      settlementId: id,
      programId: settlement.programId,
      funder,
      status: settlement.status,
      total: money(String(lines.reduce((sum, l) => sum + Number(l.amount), 0))),
      lines: lines.map((l) => ({ payeeType: l.payee_type, payeeId: l.payee_id, payeeName: l.payee_name, engagements: l.engagements, amount: money(l.amount) })),
    };
  }

  /** A co-funded programme's settlements as one funder sees them: each with the funder's part as its total. */
  async listForFunder(caller: Caller, programId: string, funder: string) {
    const program = await this.programs.terms(programId);
    if (!program) throw new DomainError('not_found');
    await this.funders.requireReader(caller, program, funder);
    const rows = await this.repo.ofProgram(programId);
    const totals = await this.funders.settlementTotals(
      rows.map((s) => s.id),
      funder,
    );
    return {
      data: rows.map((s) => ({
        settlementId: s.id,
        status: s.status,
        total: { amount: totals.get(s.id) ?? 0, currency: s.currency },
        paidAt: s.paidAt?.toISOString() ?? null,
        createdAt: s.createdAt.toISOString(),
      })),
      nextCursor: null,
    };
  }

  /** The funder's lines as CSV, as the settlement's own (UTF-8 with BOM, major units, safe cells). */
  async funderCsv(caller: Caller, id: string, funder: string): Promise<string> {
    const view = await this.forFunder(caller, id, funder);
    const rows = view.lines.map((l) => safeCsvRow([funder, l.payeeType, l.payeeId, l.payeeName, l.engagements, toMajorUnits(l.amount), l.amount.currency]));
    return stringifySync([['funder', ...LINE_COLUMNS], ...rows], { bom: true, record_delimiter: 'windows' });
  }

  /** Marks the settlement paid (its claims are paid with it) and answers with its header. */
  async confirm(caller: Caller, id: string, body: { paidAt: string; reference: string }) {
    await this.managed(caller, id);
    const settlement = await this.db.transaction(async (tx) => {
      const settlement = (await this.repo.lock(tx, id))!;
      if (settlement.status === 'paid') {
        if (settlement.reference === body.reference) return settlement; // the same confirmation again
        throw new DomainError('conflict', `The settlement was already confirmed as paid with reference ${settlement.reference}`);
      }
      await this.claims.paySettlement(tx, settlement.programId, id, settlement.total, settlement.currency);
      await this.audit.record(tx, caller, { action: 'settlement.paid', entityType: 'settlement', entityId: id, data: body });
      return this.repo.markPaid(tx, id, new Date(body.paidAt), body.reference);
    });
    return this.header(settlement);
  }

  private async managed(caller: Caller, id: string): Promise<SettlementRow> {
    const settlement = await this.repo.find(id);
    if (!settlement) throw new DomainError('not_found');
    await this.programs.managed(caller, settlement.programId);
    return settlement;
  }

  private header(s: SettlementRow) {
    return {
      id: s.id,
      programId: s.programId,
      runId: s.runId,
      status: s.status,
      total: { amount: s.total, currency: s.currency },
      paidAt: s.paidAt?.toISOString() ?? null,
      reference: s.reference,
      createdAt: s.createdAt.toISOString(),
    };
  }
}
