import { Inject, Injectable } from '@nestjs/common';
import { type Weights } from '../../../libs/scoring/index.js';
import { proposeWeights } from '../../../libs/weight-tuning/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { managerOf } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { page } from '../../common/http/pagination.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import type { MatchWeightProposalRow } from '../../db/schema/matching.js';
import { AlliancesService } from '../alliances/alliances.service.js';
import { AuditService } from '../audit/audit.service.js';
import { LearnedWeightsRepository } from './learned-weights.repository.js';
import type { LearningBody, ProposalView } from './match-weights.schemas.js';
import { roundedWeights } from './weight-tuner.js';

/** The learning job acts as the platform; its audit entries say so. */
const LEARNING_JOB: Caller = { role: 'admin', org: 'platform', sub: 'match-learning', requestId: 'match-learning' };
const PROPOSALS_SHOWN = 50;

function toView(row: MatchWeightProposalRow): ProposalView {
  return {
    id: row.id,
    allianceId: row.allianceId,
    status: row.status,
    weights: row.weights ?? null,
    awards: row.awards,
    trainedOn: row.trainedOn,
    heldOut: row.heldOut,
    holdout: row.metrics ?? null,
    holdsUp: row.holdsUp,
    reason: row.reason,
    halfLifeDays: row.halfLifeDays,
    createdAt: row.createdAt.toISOString(),
    appliedAt: row.appliedAt?.toISOString() ?? null,
    appliedBy: row.appliedBy,
    rolledBackAt: row.rolledBackAt?.toISOString() ?? null,
  };
}

/**
 * Weights learned from an alliance's own awards (docs/architecture.md "Learned weights"): the
 * job proposes, a manager applies (or the alliance applies what holds up by itself), every
 * application is audited and can be rolled back to the weights it replaced.
 */
@Injectable()
export class WeightLearningService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: LearnedWeightsRepository,
    private readonly alliances: AlliancesService,
    private readonly audit: AuditService,
  ) {}

  async allianceIds(): Promise<string[]> {
    return (await this.alliances.list()).data.map((a) => a.id);
  }

  /**
   * One learning run for an alliance, over the awards of its districts' enterprises. Nothing is
   * recorded when no award came since the last run; too few awards record the reason instead.
   */
  async learn(allianceId: string, now = new Date()): Promise<ProposalView | null> {
    const alliance = await this.alliances.get(allianceId);
    const awards = await this.repo.awardsIn(alliance.districts);
    const latestAwardAt = awards.length === 0 ? null : new Date(Math.max(...awards.map((a) => a.at)));
    const last = await this.repo.latest(allianceId);
    if (last && last.awards === awards.length && last.latestAwardAt?.getTime() === latestAwardAt?.getTime()) return null;
    const { weights: current } = await this.alliances.matchWeights(LEARNING_JOB, allianceId);
    const { halfLifeDays, minAwards } = this.config.matching.learning;
    const proposal = proposeWeights(current, awards, { now: now.getTime(), halfLifeDays, minAwards });
    const row = await this.db.transaction(async (tx) => {
      if (proposal.kind === 'insufficient') {
        return this.repo.insert(tx, {
          allianceId,
          status: 'insufficient',
          awards: proposal.awards,
          trainedOn: 0,
          heldOut: 0,
          reason: proposal.reason,
          halfLifeDays,
          latestAwardAt,
        });
      }
      const inserted = await this.repo.insert(tx, {
        allianceId,
        status: 'proposed',
        weights: roundedWeights(proposal.weights as Weights),
        awards: proposal.awards,
        trainedOn: proposal.trainedOn,
        heldOut: proposal.heldOut,
        metrics: proposal.metrics,
        holdsUp: proposal.holdsUp,
        halfLifeDays,
        latestAwardAt,
      });
      if (proposal.improves && (await this.repo.autoApply(allianceId, tx))) return this.applyIn(tx, LEARNING_JOB, inserted);
      return inserted;
    });
    return toView(row);
  }

  async list(caller: Caller, allianceId: string) {
    this.requireManager(caller, allianceId);
    await this.alliances.get(allianceId);
    return page((await this.repo.list(allianceId, PROPOSALS_SHOWN)).map(toView));
  }

  async apply(caller: Caller, allianceId: string, proposalId: string): Promise<ProposalView> {
    this.requireManager(caller, allianceId);
    const row = await this.db.transaction(async (tx) => {
      const proposal = await this.repo.lock(tx, allianceId, proposalId);
      if (!proposal) throw new DomainError('not_found');
      if (proposal.status !== 'proposed') throw new DomainError('conflict', `A ${proposal.status} proposal cannot be applied`);
      return this.applyIn(tx, caller, proposal);
    });
    return toView(row);
  }

  /** Restores the weights the latest applied proposal replaced. */
  async rollback(caller: Caller, allianceId: string): Promise<ProposalView> {
    this.requireManager(caller, allianceId);
    const row = await this.db.transaction(async (tx) => {
      const applied = await this.repo.lockApplied(tx, allianceId);
      if (!applied) throw new DomainError('conflict', 'No applied proposal to roll back');
      await this.alliances.replaceMatchWeights(tx, caller, allianceId, applied.previousWeights ?? null);
      const rolledBack = await this.repo.update(tx, applied.id, { status: 'rolled_back', rolledBackAt: new Date() });
      await this.audit.record(tx, caller, {
        action: 'match_weights.rolled_back',
        entityType: 'alliance',
        entityId: allianceId,
        data: { proposalId: applied.id, restored: applied.previousWeights ?? null },
      });
      return rolledBack;
    });
    return toView(row);
  }

  async learning(caller: Caller, allianceId: string) {
    this.requireManager(caller, allianceId);
    await this.alliances.get(allianceId);
    return this.settingsView(allianceId, await this.repo.autoApply(allianceId));
  }

  async setLearning(caller: Caller, allianceId: string, body: LearningBody) {
    this.requireManager(caller, allianceId);
    await this.alliances.get(allianceId);
    await this.db.transaction(async (tx) => {
      await this.repo.setAutoApply(tx, allianceId, body.autoApply);
      await this.audit.record(tx, caller, { action: 'match_weights.learning_set', entityType: 'alliance', entityId: allianceId, data: body });
    });
    return this.settingsView(allianceId, body.autoApply);
  }

  private settingsView(allianceId: string, autoApply: boolean) {
    const { halfLifeDays, minAwards, everyMs } = this.config.matching.learning;
    return { allianceId, autoApply, halfLifeDays, minAwards, everyHours: everyMs / 3_600_000 };
  }

  private async applyIn(tx: Tx, caller: Caller, proposal: MatchWeightProposalRow): Promise<MatchWeightProposalRow> {
    const replaced = await this.alliances.replaceMatchWeights(tx, caller, proposal.allianceId, proposal.weights!);
    if (!replaced) throw new DomainError('not_found');
    const applied = await this.repo.update(tx, proposal.id, {
      status: 'applied',
      previousWeights: replaced.previous,
      appliedAt: new Date(),
      appliedBy: caller.sub,
    });
    await this.audit.record(tx, caller, {
      action: 'match_weights.proposal_applied',
      entityType: 'alliance',
      entityId: proposal.allianceId,
      data: { proposalId: proposal.id, weights: proposal.weights, previous: replaced.previous },
    });
    return applied;
  }

  private requireManager(caller: Caller, allianceId: string): void {
    if (!managerOf(caller, allianceId)) throw new DomainError('not_found');
  }
}
