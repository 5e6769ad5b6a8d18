import { Inject, Injectable } from '@nestjs/common';
import { reverseMove } from '../../../libs/escrow/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { AuditService } from '../audit/audit.service.js';
import { EngagementsService, partyOf } from '../engagements/engagements.service.js';
import { EscrowRails } from './escrow-rails.js';
import { MilestonesRepository } from './milestones.repository.js';
import type { MilestoneRefundBody } from './milestones.schemas.js';
import { MilestonesService } from './milestones.service.js';

/**
 * A provider's refund of its own accord: before release, everything held goes back (from the
 * charge, or a bank refund instruction); after release, by card, part or all of what it was paid,
 * by reversing its Transfer and refunding the charge. Bank payouts already sent are the provider's
 * to return by bank: 409.
 */
@Injectable()
export class MilestoneRefundsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: MilestonesRepository,
    private readonly milestones: MilestonesService,
    private readonly rails: EscrowRails,
    private readonly engagements: EngagementsService,
    private readonly audit: AuditService,
  ) {}

  async refund(caller: Caller, id: string, n: number, body: MilestoneRefundBody) {
    const party = partyOf(caller, await this.engagements.visible(caller, id));
    if (party === 'enterprise') throw new DomainError('forbidden', 'The provider refunds; an enterprise disputes');
    const current = (await this.repo.ofEngagement(id)).find((m) => m.n === n);
    if (!current || (current.status !== 'released' && current.status !== 'settled')) return this.milestones.refund(caller, id, n);
    await this.db.transaction(async (tx) => {
      const m = await this.milestones.locked(tx, id, n);
      if (m.status !== 'released' && m.status !== 'settled') throw new DomainError('conflict', `Milestone ${n} is ${m.status}; refund it again`);
      if (m.rail !== 'stripe') throw new DomainError('conflict', 'A bank payout already sent is returned by the provider by bank transfer');
      const amount = body.amount?.amount ?? m.released;
      if (body.amount && body.amount.currency !== m.currency) throw DomainError.validation([{ path: 'amount.currency', message: `must be ${m.currency}` }]);
      if (amount <= 0 || amount > m.released) throw new DomainError('conflict', `At most ${m.released} of milestone ${n} can still be refunded`);
      const key = `seaward:milestone:${m.id}:after-release:${m.refunded}`;
      await this.repo.move(tx, m, reverseMove(amount), key);
      const updated = await this.repo.update(tx, m.id, { released: m.released - amount, refunded: m.refunded + amount });
      await this.rails.reverse(tx, updated, amount, key);
      await this.milestones.syncPayment(tx, id);
      await this.milestones.notifyBoth(tx, updated, 'milestone.refunded');
      await this.audit.record(tx, caller, { action: 'milestone.refund', entityType: 'engagement', entityId: id, data: { n, amount, afterRelease: true } });
    });
    return this.milestones.view(id);
  }
}
