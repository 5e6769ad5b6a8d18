import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import type { SchedulesJobs } from '../../jobs/job-schedules.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { DeskService } from './desk.service.js';

/** Flags desk questions past due on a BullMQ job scheduler (one schedule however many workers run). */
@Processor('desk', { settings: WORKER_SETTINGS })
export class DeskProcessor extends WorkerHost implements SchedulesJobs {
  constructor(
    private readonly desk: DeskService,
    @InjectQueue('desk') private readonly queue: Queue,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    super();
  }

  async scheduleJobs(): Promise<void> {
    await this.queue.upsertJobScheduler('desk-overdue', { every: this.config.desk.overdueSweepMs }, { name: JOBS.desk.flagOverdue });
  }

  async process(job: Job): Promise<{ flagged: number }> {
    if (job.name !== JOBS.desk.flagOverdue) throw unknownJob('desk', job.name);
    return this.desk.flagOverdue();
  }
}
