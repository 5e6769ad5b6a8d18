import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { RedisClient } from '../../redis/connect.js';
import type postgres from 'postgres';
import { Public } from '../../common/auth/auth.decorators.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
import { SkipRateLimit } from '../../common/rate-limit/rate-limit.guard.js';
import { SQL } from '../../db/db.module.js';
import { REDIS } from '../../redis/redis.module.js';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref())]);
}

@ApiTags('health')
@Public()
@SkipRateLimit()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(SQL) private readonly sql: postgres.Sql,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  /** The process is up; says nothing about its dependencies. */
  @ApiOperation({ summary: 'Liveness', description: 'The process is up. Says nothing about Postgres or Redis; never rate limited.' })
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 only when Postgres and Redis both answer; 503 otherwise. */
  @ApiOperation({
    summary: 'Readiness',
    description:
      '200 when Postgres and Redis both answer within 2 s; 503 `dependency_unavailable` naming the component that does not (for a load balancer to take the replica out).',
  })
  @ApiProblems('dependency_unavailable')
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.probe('postgres', () => this.sql`select 1`), () => this.probe('redis', () => this.redis.ping())]);
  }

  private async probe(key: string, ping: () => Promise<unknown>) {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(ping());
      return indicator.up();
    } catch (error) {
      // Anonymous callers learn which component is down, not the driver's words (hosts, users).
      this.logger.warn({ err: error, component: key }, 'readiness probe failed');
      return indicator.down();
    }
  }
}
