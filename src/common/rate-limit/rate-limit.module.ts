import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

const MINUTE_MS = 60_000;

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class RateLimitStorageModule {}

/**
 * RATE_LIMIT_PER_MINUTE per caller (0 turns limits off); the guard itself (RateLimitGuard) is
 * registered in AppModule right after the auth guard, so it can count per authenticated caller.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [CONFIG, RedisThrottlerStorage],
      useFactory: (config: Config, storage: RedisThrottlerStorage) => ({
        storage,
        // The default name keeps the headers unsuffixed (RateLimit-Limit, Retry-After).
        throttlers: [{ limit: config.rateLimitPerMinute, ttl: MINUTE_MS }],
        skipIf: () => config.rateLimitPerMinute === 0,
      }),
    }),
  ],
})
export class RateLimitModule {}
