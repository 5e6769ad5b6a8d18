import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import type { SchedulesJobs } from '../../jobs/job-schedules.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { SWEEPS, SweepsService, type SweepName, type SweepResult } from './sweeps.service.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';

/** The sweepers, each on a BullMQ job scheduler of its own: one schedule however many workers run. */
@Processor('maintenance', { settings: WORKER_SETTINGS })
export class MaintenanceProcessor extends WorkerHost implements SchedulesJobs {
  constructor(
    private readonly sweeps: SweepsService,
    @InjectQueue('maintenance') private readonly queue: Queue,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    super();
  }

  async scheduleJobs(): Promise<void> {
    for (const sweep of SWEEPS) {
      await this.queue.upsertJobScheduler(`sweep-${sweep}`, { every: this.config.jobs.sweepEveryMs }, { name: `${JOBS.maintenance.sweepPrefix}${sweep}` });
    }
  }

  async process(job: Job): Promise<SweepResult> {
    const sweep = job.name.slice(JOBS.maintenance.sweepPrefix.length) as SweepName;
    if (!job.name.startsWith(JOBS.maintenance.sweepPrefix) || !SWEEPS.includes(sweep)) throw unknownJob('maintenance', job.name);
    return this.sweeps.sweep(sweep);
  }
}
