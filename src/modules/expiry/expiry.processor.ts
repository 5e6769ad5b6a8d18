import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { ExpiryService, type ExpirySweep } from './expiry.service.js';
import type { SchedulesJobs } from '../../jobs/job-schedules.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';

/** Sweeps on a BullMQ job scheduler: one schedule however many workers run (its id is fixed). */
@Processor('expiry', { settings: WORKER_SETTINGS })
export class ExpiryProcessor extends WorkerHost implements SchedulesJobs {
  constructor(
    private readonly expiry: ExpiryService,
    @InjectQueue('expiry') private readonly queue: Queue,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    super();
  }

  async scheduleJobs(): Promise<void> {
    await this.queue.upsertJobScheduler('expiry-sweep', { every: this.config.expirySweepMs }, { name: JOBS.expiry.sweep });
  }

  async process(job: Job): Promise<ExpirySweep> {
    switch (job.name) {
      case JOBS.expiry.sweep:
        return this.expiry.sweep(new Date());
      default:
        throw unknownJob('expiry', job.name);
    }
  }
}
