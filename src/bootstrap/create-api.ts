import type { IncomingMessage, ServerResponse } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module.js';
import { assignRequestId } from '../common/logging/logging.module.js';
import { ApiMetrics } from '../modules/metrics/api-metrics.js';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from '../modules/queue-dashboard/queue-dashboard.js';
import type { Config } from '../config/config.js';
import { mountOpenApi } from './openapi.js';

/** Builds the api application (used by main.ts, the tests and the benchmarks). */
export async function createApi(config: Config): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
    // Stripe webhooks are verified on the exact bytes received.
    rawBody: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const metrics = app.get(ApiMetrics);
  app.use(metrics.middleware);
  app.use('/metrics', (req: IncomingMessage, res: ServerResponse, next: () => void) => (req.method === 'GET' ? metrics.handler(req, res) : next()));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(assignRequestId);
  app.useBodyParser('json', { limit: config.bodyLimit, type: ['application/json', 'application/*+json'] });
  app.use(QUEUE_DASHBOARD_PATH, ...app.get(QueueDashboard).handlers());
  mountOpenApi(app, config.publicBaseUrl);
  return app;
}
