import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthGuard } from './common/auth/auth.guard.js';
import { ProblemFilter } from './common/errors/problem.filter.js';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor.js';
import { IdempotencyStore } from './common/idempotency/idempotency-store.js';
import { LoggingModule } from './common/logging/logging.module.js';
import { RateLimitGuard } from './common/rate-limit/rate-limit.guard.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import { ConfigModule } from './config/config.module.js';
import type { Config } from './config/config.js';
import { DbModule } from './db/db.module.js';
import { AlliancesModule } from './modules/alliances/alliances.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { BidsModule } from './modules/bids/bids.module.js';
import { CityModule } from './modules/city/city.module.js';
import { ConsoleModule } from './modules/console/console.module.js';
import { EngagementsModule } from './modules/engagements/engagements.module.js';
import { PaymentsModule } from './modules/payments/payments.module.js';
import { EnterprisesModule } from './modules/enterprises/enterprises.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { IdentityModule } from './modules/identity/identity.module.js';
import { ApiMetricsModule } from './modules/metrics/metrics.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { OutboxModule } from './modules/outbox/outbox.module.js';
import { ProvidersModule } from './modules/providers/providers.module.js';
import { QueueDashboardModule } from './modules/queue-dashboard/queue-dashboard.module.js';
import { ReferenceModule } from './modules/reference/reference.module.js';
import { RequestsModule } from './modules/requests/requests.module.js';
import { QualityModule } from './modules/quality/quality.module.js';
import { ReconciliationModule } from './modules/reconciliation/reconciliation.module.js';
import { SubsidiesModule } from './modules/subsidies/subsidies.module.js';
import { DeskModule } from './modules/desk/desk.module.js';
import { InformationModule } from './modules/information/information.module.js';
import { RedisModule } from './redis/redis.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';
import { FilesModule } from './modules/files/files.module.js';
import { ConversationsModule } from './modules/conversations/conversations.module.js';

/** The api process: HTTP only; background work leaves through the outbox. */
@Module({})
export class AppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        TelemetryModule,
        DbModule,
        RedisModule,
        RateLimitModule,
        ApiMetricsModule,
        AuditModule,
        OutboxModule,
        IdentityModule.forRoot({ devTokens: config.auth.devTokens }),
        HealthModule,
        ReferenceModule,
        EnterprisesModule,
        ProvidersModule,
        AlliancesModule,
        RequestsModule,
        BidsModule,
        SubsidiesModule,
        ReconciliationModule,
        QualityModule,
        EngagementsModule,
        PaymentsModule,
        NotificationsModule,
        QueueDashboardModule,
        ConsoleModule,
        CityModule,
        InformationModule,
        DeskModule,
        FilesModule,
        ConversationsModule,
      ],
      providers: [
        IdempotencyStore,
        // Order matters: authentication first, so the rate limit can count per caller.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
