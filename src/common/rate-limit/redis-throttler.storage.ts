import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { gcra, type GcraDecision } from '../../../libs/rate-limit/index.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { connectRedis, type RedisClient } from '../../redis/connect.js';

/** libs/rate-limit/gcra.ts in Lua, on Redis's clock so every replica agrees on "now". */
const GCRA_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local interval = period / limit
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local nxt = tat + interval
if nxt - now > period then
  return { 0, 0, math.ceil(tat - now), math.ceil(nxt - period - now) }
end
redis.call('SET', KEYS[1], string.format('%.3f', nxt), 'PX', math.ceil(nxt - now))
return { 1, math.floor((period - (nxt - now)) / interval + 1e-9), math.ceil(nxt - now), 0 }
`;

type Decision = Pick<GcraDecision, 'allowed' | 'remaining' | 'resetMs' | 'retryAfterMs'>;

/** How long a limiter round trip may take before the request is decided in process instead. */
const REDIS_TIMEOUT_MS = 250;
const SWEEP_EVERY = 1000;
const CONNECT_WAIT_MS = 2000;

/**
 * @nestjs/throttler's storage, shared by every api replica through Redis (a token bucket, see
 * libs/rate-limit). When Redis does not answer, it fails open to the same bucket kept in this
 * process: each replica then limits on its own, and reads that need only Postgres keep working.
 * Money routes do not rely on the limiter (constraints and row locks guard them).
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: RedisClient;
  private readonly keyPrefix: string;
  private readonly local = new Map<string, number>();
  private calls = 0;
  private usingLocal = false;
  /** Decisions taken in process since start (Redis unreachable); exported as a metric. */
  fallbackDecisions = 0;

  constructor(@Inject(CONFIG) config: Config) {
    this.keyPrefix = `${config.redisPrefix}:ratelimit:`;
    // A connection of its own: no offline queue and a short timeout, so an outage costs
    // milliseconds per request, not the shared connection's retries.
    this.redis = connectRedis(config, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_TIMEOUT_MS,
      connectionName: 'seaward-rate-limit',
    });
    this.redis.on('error', () => undefined); // reported once per outage below, not per reconnect
    this.redis.defineCommand('seawardGcra', { numberOfKeys: 1, lua: GCRA_LUA });
  }

  /** Waits (briefly) for the connection, so the first requests after start are counted in Redis. */
  async onModuleInit(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, CONNECT_WAIT_MS);
      this.redis.once('ready', done);
    });
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, _name: string) {
    const decision = await this.decide(this.keyPrefix + key, limit, ttl);
    return {
      totalHits: limit - decision.remaining,
      timeToExpire: Math.ceil(decision.resetMs / 1000),
      isBlocked: !decision.allowed,
      timeToBlockExpire: Math.max(Math.ceil(decision.retryAfterMs / 1000), 1),
    };
  }

  private async decide(key: string, limit: number, periodMs: number): Promise<Decision> {
    try {
      const [allowed, remaining, resetMs, retryAfterMs] = (await (
        this.redis as RedisClient & { seawardGcra(key: string, limit: number, period: number): Promise<number[]> }
      ).seawardGcra(key, limit, periodMs)) as [number, number, number, number];
      if (this.usingLocal) {
        this.usingLocal = false;
        this.logger.log('Redis answers again; rate limits are shared by all replicas');
      }
      return { allowed: allowed === 1, remaining, resetMs, retryAfterMs };
    } catch (error) {
      if (!this.usingLocal) {
        this.usingLocal = true;
        this.logger.warn(`Redis unreachable (${(error as Error).message}); rate limits are per replica until it answers`);
      }
      this.fallbackDecisions++;
      return this.decideLocally(key, limit, periodMs);
    }
  }

  private decideLocally(key: string, limit: number, periodMs: number): Decision {
    const now = Date.now();
    if (++this.calls % SWEEP_EVERY === 0) {
      for (const [k, tat] of this.local) if (tat <= now) this.local.delete(k);
    }
    const decision = gcra(this.local.get(key), now, limit, periodMs);
    this.local.set(key, decision.tat);
    return decision;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
