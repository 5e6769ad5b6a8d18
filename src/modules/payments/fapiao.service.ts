import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import type { FapiaoRow } from '../../db/schema/payments.js';
import { AuditService } from '../audit/audit.service.js';
import { EngagementsService, partyOf } from '../engagements/engagements.service.js';
import { FapiaoRepository, type Flag } from './fapiao.repository.js';
import type { FapiaoBody, FapiaoView } from './fapiao.schemas.js';
import { MilestonesRepository } from './milestones.repository.js';

const toView = (row: FapiaoRow): FapiaoView => ({
  milestone: row.milestoneN,
  type: row.type,
  number: row.number,
  issuedOn: row.issuedOn,
  buyerTaxId: row.buyerTaxId,
  amountWithTax: { amount: row.amountWithTax, currency: row.currency },
  taxRate: row.taxRate,
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
  ) {}

  async record(caller: Caller, id: string, n: number, body: FapiaoBody): Promise<FapiaoView> {
    const party = partyOf(caller, await this.engagements.visible(caller, id));
    if (party === 'enterprise') throw new DomainError('forbidden', 'The provider records the fapiao it issued');
    const milestone = (await this.milestones.ofEngagement(id)).find((m) => m.n === n);
    if (!milestone) throw new DomainError('not_found', `The engagement has no milestone ${n}`);
    if (milestone.released === 0) throw new DomainError('conflict', `Milestone ${n} has released nothing to invoice`);
    const row = await this.repo.insert({
      engagementId: id,
      milestoneN: n,
      type: body.type,
      number: body.number,
      issuedOn: body.issuedOn,
      buyerTaxId: body.buyerTaxId,
      amountWithTax: body.amountWithTax.amount,
      currency: body.amountWithTax.currency,
      taxRate: body.taxRate,
    });
    if (row === 'exists') throw new DomainError('conflict', `Milestone ${n} already has its fapiao`);
    await this.audit.record(this.db, caller, { action: 'milestone.fapiao_recorded', entityType: 'engagement', entityId: id, data: { n, number: body.number } });
    return toView(row);
  }

  async list(caller: Caller, id: string): Promise<{ fapiao: FapiaoView[] }> {
    await this.engagements.visible(caller, id);
    return { fapiao: (await this.repo.ofEngagement(id)).map(toView) };
  }

  /** For reconciliation: the auditor's fapiao flags over a programme's approved claims. */
  flags(tx: Tx, programId: string): Promise<Flag[]> {
    return this.repo.flags(tx, programId);
  }
}
