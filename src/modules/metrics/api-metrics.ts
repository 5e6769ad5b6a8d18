import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { Gauge, type Registry } from 'prom-client';
import type postgres from 'postgres';
import type { RedisThrottlerStorage } from '../../common/rate-limit/redis-throttler.storage.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { READ_SQL, SQL } from '../../db/db.module.js';
import { databaseMetrics } from './database-metrics.js';
import { httpMetrics } from './http-metrics.js';
import { metricsHandler } from './metrics-endpoint.js';
import { PREFIX, createRegistry } from './metrics.registry.js';

/** The api's registry: HTTP, pool, outbox, money, rate-limit fallback and process metrics. */
@Injectable()
export class ApiMetrics {
  readonly registry: Registry = createRegistry('api');
  readonly middleware = httpMetrics(this.registry);
  readonly handler: ReturnType<typeof metricsHandler>;

  constructor(
    @Inject(CONFIG) config: Config,
    @Inject(SQL) sql: postgres.Sql,
    @Inject(READ_SQL) readSql: postgres.Sql,
    @Inject(ThrottlerStorage) storage: RedisThrottlerStorage,
  ) {
    databaseMetrics(this.registry, sql, readSql, config.databasePoolSize);
    new Gauge({
      name: `${PREFIX}rate_limit_local_decisions`,
      help: 'Rate-limit decisions taken in this process because Redis did not answer (since start)',
      registers: [this.registry],
      collect() {
        this.set(storage.fallbackDecisions);
      },
    });
    this.handler = metricsHandler(this.registry, config.metricsToken);
  }
}
