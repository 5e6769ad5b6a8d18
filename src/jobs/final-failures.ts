import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { RedisClient } from '../redis/connect.js';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { REDIS } from '../redis/redis.module.js';
import { workerHosts } from './worker-hosts.js';

/** Redis key of the running count of a queue's final failures (the failed set shrinks on re-drive; this does not). */
export function finalFailuresKey(prefix: string, queue: string): string {
  return `${prefix}:jobs:final-failures:${queue}`;
}

/** A failure BullMQ will not retry: attempts used up, an unrecoverable error, or stalled too often. */
export function isFinalFailure(job: Pick<Job, 'attemptsMade' | 'opts'>, error: Error): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError' || /stalled more than/i.test(error.message);
}

/**
 * Every queue's final failures in one place: logged at error level with the job's data, counted,
 * and left in BullMQ's failed set, where the dashboard shows them and `npm run jobs:redrive`
 * (or POST /v1/admin/jobs/{queue}/redrive) sends them again.
 */
@Injectable()
export class FinalFailures implements OnApplicationBootstrap {
  private readonly logger = new Logger('FinalFailures');

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    for (const { worker } of workerHosts(this.discovery)) {
      worker.on('failed', (job, error) => this.record(worker.name, job, error));
    }
  }

  private record(queue: string, job: Job | undefined, error: Error): void {
    if (!job || !isFinalFailure(job, error)) return;
    this.logger.error(
      { queue, jobId: job.id, job: job.name, data: job.data, attemptsMade: job.attemptsMade, reason: error.message },
      `job failed for good; re-drive with: npm run jobs:redrive -- --queue ${queue}`,
    );
    this.redis.incr(finalFailuresKey(this.config.redisPrefix, queue)).catch(() => undefined);
  }
}
