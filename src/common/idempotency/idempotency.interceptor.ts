import { createHash } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import stringify from 'safe-stable-stringify';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { DomainError } from '../errors/domain-error.js';
import { ReplayedProblem, toProblem, type Problem } from '../errors/problem.js';
import { IdempotencyStore, type Stored } from './idempotency-store.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

type HeaderSink = { setHeader(name: string, value: string): void };

/**
 * `Idempotency-Key` on POST: the same key and body replays the first response (status and
 * body); the same key with another body is 422. Keys are scoped to the caller. A request still
 * running under the key answers 409 so two retries cannot both execute. Without Redis such a
 * request answers 503 `dependency_unavailable` before anything runs.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
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
    const response = context.switchToHttp().getResponse<HeaderSink>();
    if (!KEY_PATTERN.test(key)) {
      throw DomainError.validation([{ path: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }]);
    }
    const owner = request.caller?.sub ?? `ip:${request.ip}`;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.path}\n${stringify(request.body ?? null)}`)
      .digest('hex');

    const claimed = await this.store.claim(owner, key, fingerprint);
    const found = claimed ? null : await this.store.find(owner, key);
    if (found?.state === 'done') return this.replay(found, fingerprint, response);
    // A result Redis could not take when it was produced lives in Postgres (Redis may still hold
    // the claim of that request, or nothing at all): answer with it.
    const earlier = await this.store.findInDatabase(owner, key);
    if (earlier) {
      await this.store.restore(owner, key, earlier);
      return this.replay(earlier, fingerprint, response);
    }
    if (!claimed) return this.replay(found, fingerprint, response);

    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
      await this.store.save(owner, key, { state: 'done', fingerprint, status, body, problem: false });
      return body;
    } catch (error) {
      const problem = toProblem(error);
      // An outage (5xx) is not the request's answer: free the key so the client may retry.
      if (problem && problem.status < 500) {
        await this.store.save(owner, key, { state: 'done', fingerprint, status: problem.status, body: problem, problem: true });
      } else {
        await this.store.release(owner, key);
      }
      throw error;
    }
  }

  private replay(stored: Stored | null, fingerprint: string, response: HeaderSink): unknown {
    if (!stored) throw new DomainError('conflict', 'A request with this Idempotency-Key just finished; retry');
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
}
