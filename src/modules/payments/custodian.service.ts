import { Inject, Injectable } from '@nestjs/common';
import { parseStatement, type StatementLine } from '../../../libs/escrow/index.js';
import { safeCsvRow } from '../../../libs/csv-cell/index.js';
import { toMajorUnits } from '../../../libs/money/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { requireOwner } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { AuditService } from '../audit/audit.service.js';
import { EngagementsService } from '../engagements/engagements.service.js';
import { CustodianRepository } from './custodian.repository.js';
import { MilestonesRepository } from './milestones.repository.js';
import type { BankAccountBody, BankAccountView } from './custodian.schemas.js';
import { MilestonesService } from './milestones.service.js';
import { PaymentsService } from './payments.service.js';

type LineOutcome = { bankTxnId: string; outcome: 'matched' | 'duplicate' | 'unmatched'; engagementId?: string; milestone?: number; reason?: string };

/**
 * The bank rail of escrow (资金存管): enterprises pay into the platform's custodian account with
 * the engagement's reference; the bank's statement (CSV) funds the milestones it pays; releases and
 * refunds become instructions that a payout batch file hands back to the bank.
 */
@Injectable()
export class CustodianService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: CustodianRepository,
    private readonly milestoneRows: MilestonesRepository,
    private readonly milestones: MilestonesService,
    private readonly payments: PaymentsService,
    private readonly engagements: EngagementsService,
    private readonly audit: AuditService,
  ) {}

  async setBankAccount(caller: Caller, providerId: string, body: BankAccountBody): Promise<BankAccountView> {
    requireOwner(caller, providerId, 'provider');
    const row = await this.repo.upsertBankAccount({ providerId, ...body, cnaps: body.cnaps ?? null, swift: body.swift ?? null });
    await this.audit.record(this.db, caller, { action: 'provider.bank_account_set', entityType: 'provider', entityId: providerId });
    return { bank: row.bank, accountName: row.accountName, accountNumber: row.accountNumber, cnaps: row.cnaps, swift: row.swift };
  }

  async bankAccount(caller: Caller, providerId: string): Promise<BankAccountView> {
    requireOwner(caller, providerId, 'provider');
    const row = await this.repo.bankAccountOf(providerId);
    if (!row) throw new DomainError('not_found', 'No bank account is recorded for this provider');
    return { bank: row.bank, accountName: row.accountName, accountNumber: row.accountNumber, cnaps: row.cnaps, swift: row.swift };
  }

  /** Each credit once (by the bank's id): the pending bank milestone it pays, by reference and exact amount, is funded. */
  async importStatement(caller: Caller, csv: string): Promise<{ lines: LineOutcome[] }> {
    const { lines, problems } = parseStatement(csv);
    if (problems.length > 0) throw DomainError.validation(problems, 'The statement has lines that cannot be read');
    const outcomes: LineOutcome[] = [];
    for (const line of lines) outcomes.push(await this.importLine(caller, line));
    return { lines: outcomes };
  }

  private async importLine(caller: Caller, line: StatementLine): Promise<LineOutcome> {
    const payment = await this.payments.byReference(line.reference);
    return this.db.transaction(async (tx) => {
      if (!(await this.repo.insertLine(tx, line))) return { bankTxnId: line.bankTxnId, outcome: 'duplicate' as const };
      const unmatched = (reason: string) => ({ bankTxnId: line.bankTxnId, outcome: 'unmatched' as const, reason });
      if (!payment?.byMilestones) return unmatched('no engagement paid by milestones has this reference');
      const candidates = (await this.milestoneRows.ofEngagement(payment.engagementId, tx)).filter(
        (m) => m.rail === 'bank_transfer' && m.status === 'pending' && m.due === line.amount && m.currency === line.currency,
      );
      if (candidates.length === 0) return unmatched('no pending bank milestone of the engagement is due this amount');
      const m = await this.milestones.locked(tx, payment.engagementId, candidates[0]!.n);
      this.milestones.receivable(m, line.amount, line.currency);
      await this.milestones.markFunded(tx, m, null);
      await this.repo.matchLine(tx, line.bankTxnId, m.engagementId, m.n);
      await this.audit.record(tx, caller, {
        action: 'custodian.statement_imported',
        entityType: 'engagement',
        entityId: m.engagementId,
        data: { bankTxnId: line.bankTxnId, n: m.n },
      });
      return { bankTxnId: line.bankTxnId, outcome: 'matched' as const, engagementId: m.engagementId, milestone: m.n };
    });
  }

  /** Files every unbatched instruction whose payee is known; a payout waits until its provider records a bank account. */
  async createBatch(caller: Caller): Promise<{ id: string | null; lines: number; waiting: number }> {
    return this.db.transaction(async (tx) => {
      const pending = await this.repo.unbatched(tx);
      const ready: { id: string; payee: NonNullable<(typeof pending)[number]['payee']> }[] = [];
      for (const row of pending) {
        if (row.kind === 'refund') {
          ready.push({ id: row.id, payee: row.payee ?? { name: 'the account the funds came from', bank: '', accountNumber: '', cnaps: null, swift: null } });
          continue;
        }
        const providerId = (await this.engagements.lock(tx, row.engagementId))!.providerId;
        const account = await this.repo.bankAccountOf(providerId, tx);
        if (account)
          ready.push({
            id: row.id,
            payee: { name: account.accountName, bank: account.bank, accountNumber: account.accountNumber, cnaps: account.cnaps, swift: account.swift },
          });
      }
      if (ready.length === 0) return { id: null, lines: 0, waiting: pending.length };
      const id = await this.repo.fileBatch(tx, ready);
      await this.audit.record(tx, caller, { action: 'payout_batch.created', entityType: 'payout_batch', entityId: id, data: { lines: ready.length } });
      return { id, lines: ready.length, waiting: pending.length - ready.length };
    });
  }

  /** The batch as the bank's CSV: one instruction per row, amounts in major units (exact). */
  async batchFile(batchId: string): Promise<string> {
    const lines = await this.repo.batchLines(batchId);
    if (!lines) throw new DomainError('not_found');
    const header = ['instruction_id', 'kind', 'payee_name', 'bank', 'account_number', 'cnaps', 'swift', 'amount', 'currency', 'remark'];
    const rows = lines.map((l) =>
      safeCsvRow([
        l.id,
        l.kind,
        l.payee?.name ?? '',
        l.payee?.bank ?? '',
        l.payee?.accountNumber ?? '',
        l.payee?.cnaps ?? '',
        l.payee?.swift ?? '',
        toMajorUnits({ amount: l.amount, currency: l.currency }),
        l.currency,
        `SEAWARD ${l.engagementId} M${l.milestoneN}`,
      ]),
    );
    return `\uFEFF${[header, ...rows].map((r) => r.map(csvQuote).join(',')).join('\r\n')}\r\n`;
  }
}

function csvQuote(cell: unknown): string {
  const text = String(cell ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
