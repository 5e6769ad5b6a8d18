import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { StripeWebhooksService } from './stripe-webhooks.service.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';

@Processor('webhooks', { concurrency: 5, settings: WORKER_SETTINGS })
export class WebhooksProcessor extends WorkerHost {
  constructor(private readonly webhooks: StripeWebhooksService) {
    super();
  }

  async process(job: Job<{ eventId: string }>): Promise<string> {
    if (job.name !== JOBS.webhooks.stripeApply) throw unknownJob('webhooks', job.name);
    return this.webhooks.apply(job.data.eventId);
  }
}
