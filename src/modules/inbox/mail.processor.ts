import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JOBS, unknownJob, type MailJob } from '../../jobs/job-names.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { MailService } from './mail.service.js';

@Processor('mail', { concurrency: 5, settings: WORKER_SETTINGS })
export class MailProcessor extends WorkerHost {
  constructor(private readonly mail: MailService) {
    super();
  }

  async process(job: Job<MailJob>): Promise<void> {
    switch (job.name) {
      case JOBS.mail.send:
        return this.mail.send(job.data);
      default:
        throw unknownJob('mail', job.name);
    }
  }
}
