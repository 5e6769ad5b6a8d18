import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { toMajorUnits } from '../../../libs/money/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { SettlementRow } from '../../db/schema/index.js';
import { AuditService } from '../audit/audit.service.js';
import { EnterprisesService } from '../enterprises/enterprises.service.js';
import { ProvidersService } from '../providers/providers.service.js';
import { ClaimsService } from '../vouchers/claims.service.js';
import { ProgramsService } from '../vouchers/programs.service.js';
import { ReconciliationRepository } from './reconciliation.repository.js';

const CSV_COLUMNS = ['payeeType', 'payeeId', 'payeeName', 'engagements', 'amount', 'currency'];

/** Settlement batches: what a run approved, per payee; confirmed when the district has paid. */
@Injectable()
export class SettlementsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: ReconciliationRepository,
    private readonly programs: ProgramsService,
    private readonly claims: ClaimsService,
    private readonly providers: ProvidersService,
    private readonly enterprises: EnterprisesService,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller, programId: string) {
    await this.programs.managed(caller, programId);
    const rows = await this.repo.settlementsOf(programId);
    return { data: rows.map((s) => this.header(s)), nextCursor: null };
  }

  async get(caller: Caller, id: string) {
    const settlement = await this.managed(caller, id);
    const lines = await this.repo.linesOf(id);
    const providerNames = await this.providers.namesOf(lines.filter((l) => l.payeeType === 'provider').map((l) => l.payeeId));
    const enterpriseNames = await this.enterprises.namesOf(lines.filter((l) => l.payeeType === 'enterprise').map((l) => l.payeeId));
    const engagements = await this.claims.engagementsOf(id);
    return {
      ...this.header(settlement),
      lines: lines.map((l) => ({
        payeeType: l.payeeType,
        payeeId: l.payeeId,
        payeeName: (l.payeeType === 'provider' ? providerNames : enterpriseNames).get(l.payeeId) ?? '',
        engagements: l.engagements,
        engagementIds: engagements.get(`${l.payeeType}:${l.payeeId}`) ?? [],
        amount: { amount: l.amount, currency: settlement.currency },
      })),
    };
  }

  /** UTF-8 with a byte-order mark so Excel opens the Chinese names; amounts in major units. */
  async csv(caller: Caller, id: string): Promise<string> {
    const { lines } = await this.get(caller, id);
    const rows = lines.map((l) => [l.payeeType, l.payeeId, l.payeeName, l.engagements, toMajorUnits(l.amount), l.amount.currency]);
    return `\uFEFF${stringify([CSV_COLUMNS, ...rows], { record_delimiter: 'windows' })}`;
  }

  async confirm(caller: Caller, id: string, body: { paidAt: string; reference: string }) {
    await this.managed(caller, id);
    await this.db.transaction(async (tx) => {
      const settlement = (await this.repo.lockSettlement(tx, id))!;
      if (settlement.status === 'paid') {
        if (settlement.reference === body.reference) return; // the same confirmation again
        throw new DomainError('conflict', `The settlement was already confirmed as paid with reference ${settlement.reference}`);
      }
      await this.claims.paySettlement(tx, settlement.programId, id, settlement.total, settlement.currency);
      await this.repo.markSettlementPaid(tx, id, new Date(body.paidAt), body.reference);
      await this.audit.record(tx, caller, { action: 'settlement.paid', entityType: 'settlement', entityId: id, data: body });
    });
    return this.get(caller, id);
  }

  private async managed(caller: Caller, id: string): Promise<SettlementRow> {
    const settlement = await this.repo.findSettlement(id);
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
