import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';
import type { SchedulesJobs } from '../../jobs/job-schedules.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { ApplicationsService } from './applications.service.js';
import { ReportsService } from './reports.service.js';

/** The city's scheduled jobs, each on a BullMQ job scheduler of its own: one schedule however many workers run. */
@Processor('city', { settings: WORKER_SETTINGS })
export class CityProcessor extends WorkerHost implements SchedulesJobs {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly reports: ReportsService,
    @InjectQueue('city') private readonly queue: Queue,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    super();
  }

  async scheduleJobs(): Promise<void> {
    const every = this.config.city.jobsEveryMs;
    await this.queue.upsertJobScheduler('applications-flag-overdue', { every }, { name: JOBS.city.flagOverdueApplications });
    // On a clock, not at boot: a month is frozen after it ends, never by a worker that just started.
    await this.queue.upsertJobScheduler(
      'reports-close-months',
      { pattern: this.config.city.reportsCron, tz: 'Asia/Shanghai' },
      { name: JOBS.city.closeMonths },
    );
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.city.flagOverdueApplications:
        return { flagged: await this.applications.flagOverdue(new Date()) };
      case JOBS.city.closeMonths:
        return this.reports.closeDue(new Date());
      default:
        throw unknownJob('city', job.name);
    }
  }
}
