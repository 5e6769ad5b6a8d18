import { Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { DomainError } from '../errors/domain-error.js';

export const SKIP_RATE_LIMIT_KEY = 'seaward:skip-rate-limit';

/** Exempt from rate limits (health checks, webhooks). */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_RATE_LIMIT_KEY, true);

/**
 * Per-caller limits of docs/api.md ("Rate limits") on @nestjs/throttler: counted per token `sub` (else client IP)
 * across all endpoints, in the storage every replica shares. Runs after authentication.
 * Headers: RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset; Retry-After on a 429.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT_KEY, [context.getHandler(), context.getClass()]) ?? false;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { caller, ip } = request as unknown as AuthenticatedRequest;
    return caller ? `sub:${caller.sub}` : `ip:${ip ?? 'unknown'}`;
  }

  /** One bucket per caller for the whole API, not one per route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new DomainError('rate_limited', `More than ${detail.limit} requests a minute; retry after ${detail.timeToBlockExpire} s`);
  }
}
