import { BullModule } from '@nestjs/bullmq';
import type { ConnectionOptions } from 'bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggingModule } from './common/logging/logging.module.js';
import { CONFIG, ConfigModule } from './config/config.module.js';
import type { Config } from './config/config.js';
import { DbModule } from './db/db.module.js';
import { ProcessorCheck } from './jobs/processor-check.js';
import { FinalFailures } from './jobs/final-failures.js';
import { JobSchedules } from './jobs/job-schedules.js';
import { jobOptionsFor, QUEUES } from './jobs/queues.js';
import { MaintenanceProcessor } from './modules/maintenance/maintenance.processor.js';
import { SweepsRepository } from './modules/maintenance/sweeps.repository.js';
import { StuckWorkReadModel } from './modules/maintenance/stuck-work.read-model.js';
import { SweepsService } from './modules/maintenance/sweeps.service.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { ExpiryModule } from './modules/expiry/expiry.module.js';
import { IdentityModule } from './modules/identity/identity.module.js';
import { ExpiryProcessor } from './modules/expiry/expiry.processor.js';
import { WorkerMetricsModule } from './modules/metrics/metrics.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { NotificationsProcessor } from './modules/notifications/notifications.processor.js';
import { OutboxRelay } from './modules/outbox/outbox-relay.js';
import { MatchResultsRetention } from './modules/matching/match-results-retention.js';
import { MatchResultsArchiveRepository } from './modules/matching/match-results-archive.repository.js';
import { OutboxRetention } from './modules/outbox/outbox-retention.js';
import { FilesModule } from './modules/files/files.module.js';
import { FilesRetention } from './modules/files/files-retention.js';
import { OutboxModule } from './modules/outbox/outbox.module.js';
import { ProviderSearchSyncProcessor } from './modules/providers/provider-search-sync.processor.js';
import { ProvidersModule } from './modules/providers/providers.module.js';
import { PaymentsModule } from './modules/payments/payments.module.js';
import { WebhooksProcessor } from './modules/payments/webhooks.processor.js';
import { MilestonesProcessor } from './modules/payments/milestones.processor.js';
import { QualityModule } from './modules/quality/quality.module.js';
import { QualityProcessor } from './modules/quality/quality.processor.js';
import { WeightLearningProcessor } from './modules/matching/weight-learning.processor.js';
import { ReconciliationModule } from './modules/reconciliation/reconciliation.module.js';
import { ReconciliationProcessor } from './modules/reconciliation/reconciliation.processor.js';
import { CityModule } from './modules/city/city.module.js';
import { CityProcessor } from './modules/city/city.processor.js';
import { DeskModule } from './modules/desk/desk.module.js';
import { DeskProcessor } from './modules/desk/desk.processor.js';
import { BULL_CONNECTION, RedisModule } from './redis/redis.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';
import { tracingEnabled } from './telemetry/tracing.js';
import { BullMQOtel } from 'bullmq-otel';

/** The worker process: BullMQ processors, the outbox relay and schedulers; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        TelemetryModule,
        DiscoveryModule,
        DbModule,
        RedisModule,
        AuditModule,
        OutboxModule,
        IdentityModule.forRoot({ devTokens: false }),
        BullModule.forRootAsync({
          inject: [CONFIG, BULL_CONNECTION],
          useFactory: (cfg: Config, connection: ConnectionOptions) => ({
            connection,
            prefix: cfg.redisPrefix,
            // Producer and consumer spans; a job carries its trace context to the worker.
            ...(tracingEnabled() ? { telemetry: new BullMQOtel({ tracerName: 'seaward-bullmq' }) } : {}),
          }),
        }),
        // Each queue retries on its own policy (src/jobs/queues.ts).
        BullModule.registerQueueAsync(
          ...QUEUES.map((name) => ({
            name,
            inject: [CONFIG],
            useFactory: (cfg: Config) => ({ defaultJobOptions: jobOptionsFor(name, cfg.jobs.backoffScale) }),
          })),
        ),
        NotificationsModule,
        ProvidersModule,
        ExpiryModule,
        PaymentsModule,
        ReconciliationModule,
        QualityModule,
        WorkerMetricsModule,
        CityModule,
        DeskModule,
        FilesModule,
      ],
      providers: [
        ProcessorCheck,
        FinalFailures,
        JobSchedules,
        SweepsRepository,
        StuckWorkReadModel,
        SweepsService,
        MaintenanceProcessor,
        OutboxRelay,
        OutboxRetention,
        MatchResultsRetention,
        MatchResultsArchiveRepository,
        FilesRetention,
        NotificationsProcessor,
        ProviderSearchSyncProcessor,
        ExpiryProcessor,
        WebhooksProcessor,
        ReconciliationProcessor,
        QualityProcessor,
        MilestonesProcessor,
        CityProcessor,
        WeightLearningProcessor,
        DeskProcessor,
      ],
    };
  }
}
