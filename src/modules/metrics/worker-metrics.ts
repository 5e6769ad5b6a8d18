import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type postgres from 'postgres';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { READ_SQL, SQL } from '../../db/db.module.js';
import { QUEUES } from '../../jobs/queues.js';
import { databaseMetrics } from './database-metrics.js';
import { metricsHandler } from './metrics-endpoint.js';
import { createRegistry } from './metrics.registry.js';
import { jobMetrics, queueCountMetrics } from './queue-metrics.js';

/**
 * The worker's registry (queues, jobs, pool, outbox, money, process), served by a small HTTP
 * server of its own on WORKER_METRICS_PORT (GET /metrics); no server when the port is unset.
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly registry = createRegistry('worker');
  private server: Server | undefined;
  private readonly logger = new Logger(WorkerMetrics.name);

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(SQL) sql: postgres.Sql,
    @Inject(READ_SQL) readSql: postgres.Sql,
    private readonly discovery: DiscoveryService,
    private readonly moduleRef: ModuleRef,
  ) {
    databaseMetrics(this.registry, sql, readSql, config.databasePoolSize);
    queueCountMetrics(this.registry, () => QUEUES.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })));
  }

  /** The port actually bound (WORKER_METRICS_PORT=0 picks a free one), or undefined. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    jobMetrics(this.registry, this.discovery);
    if (this.config.workerMetricsPort === undefined) return;
    const handler = metricsHandler(this.registry, this.config.metricsToken);
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') return handler(req, res);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /metrics\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.workerMetricsPort, () => resolve());
    });
    this.server = server;
    this.logger.log(`worker metrics on :${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
