import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QualityService } from './quality.service.js';
import { isFinalFailure } from '../../jobs/final-failures.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';

@Processor('quality', { concurrency: 2, settings: WORKER_SETTINGS })
export class QualityProcessor extends WorkerHost {
  constructor(private readonly quality: QualityService) {
    super();
  }

  async process(job: Job<{ replayId: string }>): Promise<void> {
    if (job.name !== JOBS.quality.replay) throw unknownJob('quality', job.name);
    await this.quality.runReplay(job.data.replayId);
  }

  /** A replay whose job gave up is marked failed; else it would stay `queued` for ever. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<{ replayId: string }> | undefined, error: Error): Promise<void> {
    if (job?.name !== 'replay' || !isFinalFailure(job, error)) return;
    // With the database down this fails too; the replays sweeper marks it later.
    await this.quality.failReplay(job.data.replayId, error.message).catch(() => undefined);
  }
}
