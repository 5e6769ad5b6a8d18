import { createHash } from 'node:crypto';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { from, lastValueFrom, type Observable } from 'rxjs';
import stringify from 'safe-stable-stringify';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { REDIS } from '../../redis/redis.module.js';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { DomainError } from '../errors/domain-error.js';
import { ReplayedProblem, toProblem, type Problem } from '../errors/problem.js';

interface StoredResponse {
  state: 'done';
  fingerprint: string;
  status: number;
  body: unknown;
  problem: boolean;
}
interface PendingResponse {
  state: 'pending';
  fingerprint: string;
}
type Stored = StoredResponse | PendingResponse;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const PENDING_TTL_SECONDS = 120;

/**
 * `Idempotency-Key` on POST: the same key and body replays the first response (status and
 * body); the same key with another body is 422. Keys are scoped to the caller. A request still
 * running under the key answers 409 so two retries cannot both execute.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: Config,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    return from(this.run(context, next, String(header)));
  }

  private async run(context: ExecutionContext, next: CallHandler, key: string): Promise<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>();
    if (!KEY_PATTERN.test(key)) {
      throw DomainError.validation([{ path: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }]);
    }
    const owner = request.caller?.sub ?? `ip:${request.ip}`;
    const redisKey = `${this.config.redisPrefix}:idempotency:${owner}:${key}`;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.path}\n${stringify(request.body ?? null)}`)
      .digest('hex');

    const pending: PendingResponse = { state: 'pending', fingerprint };
    const claimed = await this.redis.set(redisKey, JSON.stringify(pending), 'EX', PENDING_TTL_SECONDS, 'NX');
    if (!claimed) return this.replay(redisKey, fingerprint, response);

    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
      await this.store(redisKey, { state: 'done', fingerprint, status, body, problem: false });
      return body;
    } catch (error) {
      const problem = toProblem(error);
      // A busy or unavailable answer is not a result either: the retry must run the action.
      if (problem && problem.status < 500) {
        await this.store(redisKey, { state: 'done', fingerprint, status: problem.status, body: problem, problem: true });
      } else {
        await this.redis.del(redisKey); // a server fault is not a result: let the client retry
      }
      throw error;
    }
  }

  private async replay(redisKey: string, fingerprint: string, response: { setHeader(n: string, v: string): void }): Promise<unknown> {
    const raw = await this.redis.get(redisKey);
    if (!raw) throw new DomainError('conflict', 'A request with this Idempotency-Key just finished; retry');
    const stored = JSON.parse(raw) as Stored;
    if (stored.fingerprint !== fingerprint) {
      throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used with a different request body');
    }
    if (stored.state === 'pending') {
      throw new DomainError('conflict', 'A request with this Idempotency-Key is still being processed');
    }
    response.setHeader('Idempotent-Replayed', 'true');
    if (stored.problem) throw new ReplayedProblem(stored.body as Problem);
    return stored.body;
  }

  private async store(redisKey: string, stored: StoredResponse): Promise<void> {
    await this.redis.set(redisKey, JSON.stringify(stored), 'EX', this.config.idempotencyTtlSeconds);
  }
}
