import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { ReconciliationService } from './reconciliation.service.js';
import type { SchedulesJobs } from '../../jobs/job-schedules.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';

/**
 * Runs reconciliations; a nightly job scheduler (one schedule whatever the number of workers)
 * queues one per programme. A killed worker's job is found stalled within seconds and picked
 * up again, resuming at the run's cursor.
 */
@Processor('reconciliation', { concurrency: 2, lockDuration: 15_000, stalledInterval: 5_000, settings: WORKER_SETTINGS })
export class ReconciliationProcessor extends WorkerHost implements SchedulesJobs {
  constructor(
    private readonly reconciliation: ReconciliationService,
    @InjectQueue('reconciliation') private readonly queue: Queue,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    super();
  }

  async scheduleJobs(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'reconciliation-nightly',
      { pattern: this.config.reconciliation.cron, tz: 'Asia/Shanghai' },
      { name: JOBS.reconciliation.nightly },
    );
  }

  async process(job: Job<{ runId?: string }>): Promise<unknown> {
    switch (job.name) {
      case JOBS.reconciliation.run:
        // Progress on the job too, for the queue dashboard (/admin/queues).
        return this.reconciliation.process(job.data.runId!, (share) => job.updateProgress(Math.round(share * 100)));
      case JOBS.reconciliation.nightly:
        return this.reconciliation.queueAll();
      default:
        throw unknownJob('reconciliation', job.name);
    }
  }

  /** After the last attempt the run is marked failed, so the programme can be reconciled again. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<{ runId?: string }> | undefined, error: Error): Promise<void> {
    if (job?.name === 'run' && job.data.runId && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      // With the database down this fails too; the runs sweeper marks the run later.
      await this.reconciliation.fail(job.data.runId, error.message).catch(() => undefined);
    }
  }
}
