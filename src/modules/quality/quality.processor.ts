import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QualityService } from './quality.service.js';

@Processor('quality', { concurrency: 2 })
export class QualityProcessor extends WorkerHost {
  constructor(private readonly quality: QualityService) {
    super();
  }

  async process(job: Job<{ replayId: string }>): Promise<void> {
    if (job.name !== 'replay') throw new Error(`quality: no handler for job ${job.name}`);
    await this.quality.runReplay(job.data.replayId);
  }
}
