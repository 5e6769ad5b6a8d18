import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { Config } from '../config/config.js';
import { WorkerModule } from '../worker.module.js';

/** Builds the worker (used by worker.ts and the tests); worker.ts bounds its shutdown (bootstrap/shutdown.ts). */
export async function createWorker(config: Config): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
