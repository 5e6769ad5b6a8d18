import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ApiMetrics } from './api-metrics.js';
import { WorkerMetrics } from './worker-metrics.js';

/** Prometheus metrics of the api: /metrics is mounted by create-api ahead of the router. */
@Module({ providers: [ApiMetrics], exports: [ApiMetrics] })
export class ApiMetricsModule {}

@Module({ imports: [DiscoveryModule], providers: [WorkerMetrics], exports: [WorkerMetrics] })
export class WorkerMetricsModule {}
