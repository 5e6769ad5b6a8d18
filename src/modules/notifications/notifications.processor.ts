import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { Notification } from './notification-channel.js';
import { NotificationsService } from './notifications.service.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';

@Processor('notifications', { concurrency: 10, settings: WORKER_SETTINGS })
export class NotificationsProcessor extends WorkerHost {
  constructor(private readonly notifications: NotificationsService) {
    super();
  }

  async process(job: Job<Notification>): Promise<void> {
    switch (job.name) {
      case JOBS.notifications.deliver:
        return this.notifications.deliver(job.data);
      default:
        throw unknownJob('notifications', job.name);
    }
  }
}
