import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import type { SchedulesJobs } from '../../jobs/job-schedules.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { EscrowRails } from './escrow-rails.js';
import { MilestonesService } from './milestones.service.js';

/** The sweep (silence is consent) on a job scheduler, and the Stripe calls of released and refunded milestones. */
@Processor('milestones', { settings: WORKER_SETTINGS })
export class MilestonesProcessor extends WorkerHost implements SchedulesJobs {
  constructor(
    private readonly milestones: MilestonesService,
    private readonly rails: EscrowRails,
    @InjectQueue('milestones') private readonly queue: Queue,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    super();
  }

  async scheduleJobs(): Promise<void> {
    await this.queue.upsertJobScheduler('milestones-sweep', { every: this.config.escrow.sweepEveryMs }, { name: JOBS.milestones.sweep });
  }

  async process(job: Job<{ milestoneId?: string; amount?: number; key?: string; asOf?: string }>): Promise<unknown> {
    switch (job.name) {
      case JOBS.milestones.sweep:
        // `asOf` lets an operator (or a test) sweep as of another instant; the schedule sends none.
        return this.milestones.sweep(job.data.asOf ? new Date(job.data.asOf) : new Date());
      case JOBS.milestones.transfer:
        return this.rails.sendTransfer(job.data.milestoneId!, job.data.amount!);
      case JOBS.milestones.refund:
        return this.rails.sendRefund(job.data.milestoneId!, job.data.amount!);
      case JOBS.milestones.reverse:
        return this.rails.sendReversal(job.data.milestoneId!, job.data.amount!, job.data.key!);
      default:
        throw unknownJob('milestones', job.name);
    }
  }
}
