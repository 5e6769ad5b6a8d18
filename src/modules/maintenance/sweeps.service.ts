import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { stuckAction, type JobState } from '../../../libs/retry/index.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { outboxJob, outboxJobId } from '../outbox/outbox-relay.js';
import { QualityService } from '../quality/quality.service.js';
import { ReconciliationService } from '../reconciliation/reconciliation.service.js';
import { StuckWorkReadModel, type StuckWork } from './stuck-work.read-model.js';
import { SweepsRepository } from './sweeps.repository.js';
import { DAY_MS } from '../../../libs/time/index.js';

export const SWEEPS = ['stripe-events', 'runs', 'replays', 'outbox'] as const;
export type SweepName = (typeof SWEEPS)[number];

export interface SweepResult {
  sweep: SweepName;
  recordId: number;
  examined: number;
  requeued: number;
  report: Record<string, unknown>;
}

/**
 * Finds work that should be done by now and whose job is gone, and enqueues it again under the
 * job id the outbox relay gave it, so a job that does exist makes the add a no-op. Every sweep
 * is idempotent (it only re-adds what is missing) and leaves a row in `sweeps`.
 */
@Injectable()
export class SweepsService {
  private readonly logger = new Logger(SweepsService.name);

  constructor(
    private readonly repo: SweepsRepository,
    private readonly stuck: StuckWorkReadModel,
    private readonly reconciliation: ReconciliationService,
    private readonly quality: QualityService,
    @InjectQueue('webhooks') private readonly webhooks: Queue,
    @InjectQueue('reconciliation') private readonly runs: Queue,
    @InjectQueue('quality') private readonly replays: Queue,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async sweep(name: SweepName, now = new Date()): Promise<SweepResult> {
    const before = new Date(now.getTime() - this.config.jobs.staleAfterMs);
    const { examined, requeued, report } = await this.run(name, before);
    const recordId = await this.repo.record({ sweep: name, startedAt: now, examined, requeued, report });
    if (requeued > 0 || Object.values(report).some((v) => Array.isArray(v) && v.length > 0)) {
      this.logger.warn({ sweep: name, recordId, examined, requeued, report }, 'sweep found stuck work');
    }
    return { sweep: name, recordId, examined, requeued, report };
  }

  private async run(name: SweepName, before: Date) {
    switch (name) {
      case 'stripe-events':
        // A given-up Stripe apply stays unapplied: the failed job is re-driven by a person.
        return this.revive(await this.stuck.unappliedStripeEvents(before), this.webhooks, async () => undefined);
      case 'runs':
        // The queue gave up on the run but could not mark it (the database was down then).
        return this.revive(await this.stuck.activeRuns(before), this.runs, (runId, reason) => this.reconciliation.fail(runId, reason));
      case 'replays':
        return this.revive(await this.stuck.queuedReplays(before), this.replays, (replayId, reason) => this.quality.failReplay(replayId, reason));
      case 'outbox':
        return this.reportUnrelayed(before);
    }
  }

  private async revive(stuck: StuckWork[], queue: Queue, giveUp: (subject: string, reason: string) => Promise<void>) {
    const requeued: string[] = [];
    const retried: string[] = [];
    const givenUp: string[] = [];
    const withoutOutbox: string[] = [];
    for (const { subject, row } of stuck) {
      if (!row) {
        withoutOutbox.push(subject);
        continue;
      }
      const job = await queue.getJob(outboxJobId(row));
      const state = (job ? await job.getState() : 'missing') as JobState;
      const attemptsLeft = !!job && job.attemptsMade < (job.opts.attempts ?? 1);
      switch (stuckAction({ relayed: row.relayedAt !== null, job: state, attemptsLeft })) {
        case 'requeue': {
          const { name, data, opts } = outboxJob(row);
          await queue.add(name, data, opts);
          requeued.push(subject);
          break;
        }
        case 'retry':
          await job!.retry('failed');
          retried.push(subject);
          break;
        case 'give_up':
          await giveUp(subject, job?.failedReason || `job ${state} but the work is not done`);
          givenUp.push(subject);
          break;
        case 'leave':
          break;
      }
    }
    return { examined: stuck.length, requeued: requeued.length, report: { requeued, retried, givenUp, withoutOutbox } };
  }

  private async reportUnrelayed(before: Date) {
    const { count, oldest, sample } = await this.stuck.unrelayed(before);
    if (count > 0) this.logger.error({ count, oldest, sample }, 'outbox rows not relayed in time: is Redis reachable from the worker?');
    await this.repo.prune(new Date(before.getTime() - 14 * DAY_MS));
    return { examined: count, requeued: 0, report: { unrelayed: count, oldest: oldest?.toISOString() ?? null, sample } };
  }
}
