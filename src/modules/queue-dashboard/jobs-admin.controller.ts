import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RedisClient } from '../../redis/connect.js';
import { retryWindowMs } from '../../../libs/retry/index.js';
import { Roles } from '../../common/auth/auth.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Returns } from '../../common/openapi/api-schema.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { finalFailuresKey } from '../../jobs/final-failures.js';
import { QUEUES, RETRY_POLICIES, type QueueName } from '../../jobs/queues.js';
import { redriveFailed } from '../../jobs/redrive.js';
import { REDIS } from '../../redis/redis.module.js';
import { queueHealthList, redriveView } from './jobs-admin.schemas.js';
import { QueueDashboard } from './queue-dashboard.js';

const REDIS_TIMEOUT_MS = 3000;

/** Answers 503 instead of waiting on a queue whose Redis is gone (BullMQ queues wait for it). */
function withinRedisTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new DomainError('dependency_unavailable', 'The queues need Redis, which does not answer; retry shortly')),
        REDIS_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

/** The queues' health and the re-drive of final failures, for admins (also: npm run jobs:redrive). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/admin/jobs')
export class JobsAdminController {
  constructor(
    private readonly dashboard: QueueDashboard,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @ApiOperation({
    summary: "Get the queues' health",
    description:
      'Per queue: waiting, active, delayed and failed jobs, final failures counted, and its retry policy. 503 when Redis does not answer within 3 s.',
  })
  @Get()
  @Returns(200, queueHealthList)
  async list() {
    const data = await withinRedisTimeout(
      Promise.all(
        QUEUES.map(async (queue) => {
          const counts = await this.dashboard.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'failed');
          const policy = RETRY_POLICIES[queue];
          return {
            queue,
            waiting: counts.waiting ?? 0,
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
            finalFailures: Number((await this.redis.get(finalFailuresKey(this.config.redisPrefix, queue))) ?? 0),
            attempts: policy.attempts,
            retryWindowMs: retryWindowMs(policy),
            policy: policy.reason,
          };
        }),
      ),
    );
    return { data };
  }

  @ApiOperation({
    summary: "Re-drive a queue's failed jobs",
    description: "Sends the queue's failed jobs again with fresh attempts (also `npm run jobs:redrive -- --queue NAME`). An unknown queue is 400.",
  })
  @Post(':queue/redrive')
  @HttpCode(200)
  @Returns(200, redriveView)
  async redrive(@Param('queue') queue: string) {
    if (!QUEUES.includes(queue as QueueName)) {
      throw DomainError.validation([{ path: 'queue', message: `must be one of ${QUEUES.join(', ')}` }]);
    }
    const { redriven } = await withinRedisTimeout(redriveFailed(this.dashboard.queue(queue as QueueName)));
    return { queue, redriven };
  }
}
