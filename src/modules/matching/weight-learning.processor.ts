import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { JOBS, unknownJob } from '../../jobs/job-names.js';
import type { SchedulesJobs } from '../../jobs/job-schedules.js';
import { WORKER_SETTINGS } from '../../jobs/queues.js';
import { WeightLearningService } from './weight-learning.service.js';

/**
 * Learning on a schedule: each tick (MATCH_LEARNING_EVERY_MS) queues one learning job per
 * alliance, so one alliance's failure retries alone and a long history does not hold up the rest.
 */
@Processor('match-learning', { settings: WORKER_SETTINGS })
export class WeightLearningProcessor extends WorkerHost implements SchedulesJobs {
  constructor(
    private readonly learning: WeightLearningService,
    @InjectQueue('match-learning') private readonly queue: Queue,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    super();
  }

  async scheduleJobs(): Promise<void> {
    await this.queue.upsertJobScheduler('match-learning', { every: this.config.matching.learning.everyMs }, { name: JOBS['match-learning'].tick });
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JOBS['match-learning'].tick) {
      const ids = await this.learning.allianceIds();
      await this.queue.addBulk(
        ids.map((allianceId) => ({ name: JOBS['match-learning'].learn, data: { allianceId }, opts: { jobId: `learn-${allianceId}-${job.id}` } })),
      );
      return { alliances: ids.length };
    }
    if (job.name === JOBS['match-learning'].learn) {
      const proposal = await this.learning.learn((job.data as { allianceId: string }).allianceId);
      return proposal && { id: proposal.id, status: proposal.status, awards: proposal.awards };
    }
    throw unknownJob('match-learning', job.name);
  }
}
