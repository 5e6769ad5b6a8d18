import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { REDIS } from '../../redis/redis.module.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { DomainError } from '../errors/domain-error.js';

const SKIP_KEY = 'seaward:skip-rate-limit';
const WINDOW_MS = 60_000;

/** Exempt from rate limits (health checks, webhooks). */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_KEY, true);

/** A fixed one-minute window per key; INCR and PEXPIRE together so a crash never leaves a key without expiry. */
const COUNT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }
`;

/**
 * Per-caller limits of API.md: counted per token `sub` (else client IP) across all endpoints,
 * in Redis so every api replica shares the count. Runs after authentication.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: Config,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.config.rateLimitPerMinute;
    if (limit === 0 || context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP_KEY, [context.getHandler(), context.getClass()])) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const caller = request.caller ? `sub:${request.caller.sub}` : `ip:${request.ip ?? 'unknown'}`;
    const window = Math.floor(Date.now() / WINDOW_MS);
    const key = `${this.config.redisPrefix}:ratelimit:${caller}:${window}`;
    let counted: [number, number];
    try {
      counted = (await this.redis.eval(COUNT, 1, key, WINDOW_MS)) as [number, number];
    } catch {
      // Fails open: without Redis there is no shared count, and refusing every caller would turn
      // a Redis outage into a full outage (issue 18 replaces this with a local fallback limit).
      return true;
    }
    const [hits, ttlMs] = counted;

    response.setHeader('RateLimit-Limit', limit);
    response.setHeader('RateLimit-Remaining', Math.max(limit - hits, 0));
    if (hits <= limit) return true;
    response.setHeader('Retry-After', Math.max(Math.ceil(ttlMs / 1000), 1));
    throw new DomainError('rate_limited', `More than ${limit} requests a minute; retry after the window`);
  }
}
