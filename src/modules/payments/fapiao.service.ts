import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import type { FapiaoRow } from '../../db/schema/payments.js';
import { AuditService } from '../audit/audit.service.js';
import { FilesService } from '../files/files.service.js';
import type { FileView } from '../files/files.schemas.js';
import { EngagementsService, partyOf } from '../engagements/engagements.service.js';
import { FapiaoRepository, type Flag } from './fapiao.repository.js';
import type { FapiaoBody, FapiaoView } from './fapiao.schemas.js';
import { MilestonesRepository } from './milestones.repository.js';

const toView = (row: FapiaoRow, files: FileView[]): FapiaoView => ({
  milestone: row.milestoneN,
  type: row.type,
  number: row.number,
  issuedOn: row.issuedOn,
  buyerTaxId: row.buyerTaxId,
  amountWithTax: { amount: row.amountWithTax, currency: row.currency },
  taxRate: row.taxRate,
  files: files.filter((f) => row.fileIds.includes(f.id)),
});

/** The provider records the fapiao of each release; reconciliation checks them (FapiaoRepository.flags). */
@Injectable()
export class FapiaoService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: FapiaoRepository,
    private readonly milestones: MilestonesRepository,
    private readonly engagements: EngagementsService,
    private readonly audit: AuditService,
    private readonly files: FilesService,
  ) {}

  async record(caller: Caller, id: string, n: number, body: FapiaoBody): Promise<FapiaoView> {
    const party = partyOf(caller, await this.engagements.visible(caller, id));
    if (party === 'enterprise') throw new DomainError('forbidden', 'The provider records the fapiao it issued');
    const milestone = (await this.milestones.ofEngagement(id)).find((m) => m.n === n);
    if (!milestone) throw new DomainError('not_found', `The engagement has no milestone ${n}`);
    if (milestone.released === 0) throw new DomainError('conflict', `Milestone ${n} has released nothing to invoice`);
    return this.db.transaction(async (tx) => {
      const created = await this.repo.insert(tx, {
        engagementId: id,
        milestoneN: n,
        type: body.type,
        number: body.number,
        issuedOn: body.issuedOn,
        buyerTaxId: body.buyerTaxId,
        amountWithTax: body.amountWithTax.amount,
        currency: body.amountWithTax.currency,
        taxRate: body.taxRate,
        fileIds: [...new Set(body.fileIds)],
      });
      if (created === 'exists') throw new DomainError('conflict', `Milestone ${n} already has its fapiao`);
      // The provider's own clean uploads only (400 naming fileIds.N otherwise); they hang on the engagement as `fapiao`.
      const files = await this.files.attach(tx, caller, 'fapiao', id, body.fileIds);
      await this.audit.record(tx, caller, { action: 'milestone.fapiao_recorded', entityType: 'engagement', entityId: id, data: { n, number: body.number } });
      return toView(created, files);
    });
  }

  async list(caller: Caller, id: string): Promise<{ fapiao: FapiaoView[] }> {
    await this.engagements.visible(caller, id);
    const files = (await this.files.filesOf('fapiao', [id])).get(id) ?? [];
    return { fapiao: (await this.repo.ofEngagement(id)).map((row) => toView(row, files)) };
  }

  /** For reconciliation: the auditor's fapiao flags over a programme's approved claims. */
  flags(tx: Tx, programId: string): Promise<Flag[]> {
    return this.repo.flags(tx, programId);
  }
}
