import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import type { ConnectionOptions } from 'bullmq';
import { bullConnection, connectRedis, isRedisClient, type RedisClient } from './connect.js';

/**
 * One shared connection for rate limits, idempotency replays and health. With Redis down a
 * command fails at once instead of waiting in ioredis' offline queue (the caller answers 503),
 * a command on a half-open connection gives up after a second, and reconnects back off to 5 s.
 */
export const REDIS = Symbol('REDIS');
/** BullMQ's connection (see `bullConnection`): options on one node, a client of ours on a cluster. */
export const BULL_CONNECTION = Symbol('BULL_CONNECTION');

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [CONFIG],
      useFactory: (config: Config) =>
        connectRedis(config, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          commandTimeout: 1000,
          connectTimeout: 2000,
          retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5000),
        }),
    },
    { provide: BULL_CONNECTION, inject: [CONFIG], useFactory: (config: Config) => bullConnection(config, { maxRetriesPerRequest: null }) },
  ],
  exports: [REDIS, BULL_CONNECTION],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(BULL_CONNECTION) private readonly bull: ConnectionOptions,
  ) {}

  /** A global module: Nest shuts it down after the queues and workers that use these connections. */
  async onApplicationShutdown(): Promise<void> {
    const clients = [this.redis, ...(isRedisClient(this.bull) ? [this.bull] : [])];
    await Promise.all(clients.map((client) => (client.status === 'ready' ? client.quit().catch(() => client.disconnect()) : client.disconnect())));
  }
}
