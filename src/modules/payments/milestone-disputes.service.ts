import { Inject, Injectable } from '@nestjs/common';
import { milestoneStep, proposalProblem } from '../../../libs/escrow/index.js';
import { addDays } from '../../../libs/time/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { isAdmin, officerOf } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import type { MilestoneDisputeRow, MilestoneRow } from '../../db/schema/payments.js';
import { AuditService, type AuditAction } from '../audit/audit.service.js';
import { EngagementsService, partyOf } from '../engagements/engagements.service.js';
import { FilesService } from '../files/files.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { MilestonesRepository } from './milestones.repository.js';
import type { MilestoneDisputeBody, ProposalBody } from './milestones.schemas.js';
import { MilestonesService } from './milestones.service.js';

const held = (m: MilestoneRow): number => m.due - m.released - m.refunded;

/**
 * Disputes that decide money (issue 26): either side opens one on a funded milestone; a mediator
 * (an admin, or the officer of the subsidising district) proposes a split of what is held; both
 * sides accept it, or the mediator decides after DISPUTE_DECISION_DAYS. The money then moves once,
 * through MilestonesService.settle, under the milestone's lock.
 */
@Injectable()
export class MilestoneDisputesService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: MilestonesRepository,
    private readonly milestones: MilestonesService,
    private readonly engagements: EngagementsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    @Inject(CONFIG) private readonly config: Config,
    private readonly files: FilesService,
  ) {}

  async open(caller: Caller, id: string, n: number, body: MilestoneDisputeBody) {
    const party = partyOf(caller, await this.engagements.visible(caller, id));
    if (party === 'admin') throw new DomainError('forbidden', 'The enterprise or the provider opens a dispute');
    return this.inTx(caller, id, 'milestone.dispute_opened', n, async (tx, m) => {
      const next = milestoneStep(m.status, 'dispute');
      if (!next.ok) throw new DomainError('conflict', `Milestone ${n}: ${next.reason}`);
      await this.repo.update(tx, m.id, { status: 'disputed' });
      const dispute = await this.repo.insertDispute(tx, { engagementId: id, milestoneN: n, openedBy: party, reason: body.reason });
      await this.files.attach(tx, caller, 'dispute', dispute.id, body.fileIds);
      await this.notify(tx, id, n, 'milestone.disputed');
    });
  }

  async propose(caller: Caller, id: string, n: number, body: ProposalBody) {
    await this.requireMediator(caller, id);
    return this.inTx(caller, id, 'milestone.dispute_proposed', n, async (tx, m, d) => {
      if (!d || d.status === 'settled') throw new DomainError('conflict', `Milestone ${n} has no open dispute`);
      const wrong = [body.release, body.refund].find((x) => x.currency !== m.currency);
      if (wrong) throw DomainError.validation([{ path: 'release.currency', message: `must be ${m.currency}` }]);
      const problem = proposalProblem(held(m), body.release.amount, body.refund.amount);
      if (problem) throw DomainError.validation([{ path: 'release', message: problem }]);
      await this.repo.updateDispute(tx, d.id, {
        status: 'proposed',
        release: body.release.amount,
        refund: body.refund.amount,
        proposedBy: caller.role,
        proposedAt: new Date(),
        enterpriseAcceptedAt: null,
        providerAcceptedAt: null,
      });
      await this.notify(tx, id, n, 'milestone.dispute_proposed');
    });
  }

  async accept(caller: Caller, id: string, n: number) {
    const party = partyOf(caller, await this.engagements.visible(caller, id));
    if (party === 'admin') throw new DomainError('forbidden', 'The parties accept a proposal; the mediator decides');
    return this.inTx(caller, id, 'milestone.dispute_accepted', n, async (tx, m, d) => {
      if (!d || d.status !== 'proposed') throw new DomainError('conflict', `Milestone ${n} has no proposal to accept`);
      const now = new Date();
      const updated = await this.repo.updateDispute(tx, d.id, party === 'enterprise' ? { enterpriseAcceptedAt: now } : { providerAcceptedAt: now });
      if (updated.enterpriseAcceptedAt && updated.providerAcceptedAt) await this.settle(tx, m, updated, 'accepted');
    });
  }

  async decide(caller: Caller, id: string, n: number) {
    await this.requireMediator(caller, id);
    return this.inTx(caller, id, 'milestone.dispute_decided', n, async (tx, m, d) => {
      if (!d || d.status !== 'proposed') throw new DomainError('conflict', `Milestone ${n} has no proposal to decide`);
      const from = addDays(d.proposedAt!, this.config.escrow.disputeDecisionDays);
      if (from > new Date()) throw new DomainError('conflict', `The parties have until ${from.toISOString()} to accept; the mediator decides after`);
      await this.settle(tx, m, d, 'decided');
    });
  }

  private async settle(tx: Tx, m: MilestoneRow, d: MilestoneDisputeRow, how: 'accepted' | 'decided'): Promise<void> {
    await this.repo.updateDispute(tx, d.id, { status: 'settled', settledHow: how, settledAt: new Date() });
    await this.milestones.settle(tx, m, { release: d.release!, refund: d.refund! }, 'settled');
    await this.notify(tx, m.engagementId, m.n, 'milestone.dispute_settled');
  }

  /**
   * Who sees a dispute's files (kind `dispute`): the engagement's parties, admins and its mediator;
   * who may add to them: either party, while the dispute is not settled. Anyone else: no (404).
   */
  async filesAccess(caller: Caller, disputeId: string): Promise<{ see: boolean; attach: boolean }> {
    const dispute = await this.repo.disputeById(disputeId);
    if (!dispute) return { see: false, attach: false };
    const row = await this.engagements.visible(caller, dispute.engagementId).catch(() => undefined);
    if (row) {
      const party = partyOf(caller, row);
      return { see: true, attach: dispute.status !== 'settled' && (party === 'enterprise' || party === 'provider') };
    }
    const mediator = await this.requireMediator(caller, dispute.engagementId).then(
      () => true,
      () => false,
    );
    return { see: mediator, attach: false };
  }

  /** An admin, or the officer of the district whose programme subsidises the engagement. */
  private async requireMediator(caller: Caller, id: string): Promise<void> {
    if (isAdmin(caller)) return;
    const district = caller.role === 'district_officer' ? await this.engagements.subsidyDistrict(id) : null;
    if (district && officerOf(caller, district)) return;
    throw new DomainError('not_found');
  }

  private async inTx(
    caller: Caller,
    id: string,
    action: AuditAction,
    n: number,
    apply: (tx: Tx, m: MilestoneRow, d: MilestoneDisputeRow | undefined) => Promise<void>,
  ) {
    await this.db.transaction(async (tx) => {
      const m = await this.milestones.locked(tx, id, n);
      await apply(tx, m, await this.repo.lockDispute(tx, id, n));
      await this.audit.record(tx, caller, { action, entityType: 'engagement', entityId: id, data: { n } });
    });
    return this.milestones.view(id);
  }

  private async notify(tx: Tx, id: string, n: number, event: 'milestone.disputed' | 'milestone.dispute_proposed' | 'milestone.dispute_settled') {
    const engagement = (await this.engagements.lock(tx, id))!;
    for (const org of [engagement.enterpriseId, engagement.providerId])
      await this.notifications.notify(tx, { event, recipientOrg: org, data: { engagementId: id, milestone: n } });
  }
}
