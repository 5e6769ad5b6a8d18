import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OperationObject, ResponseObject } from '@nestjs/swagger';
import { PUBLIC_KEY, ROLES_KEY } from '../auth/auth.decorators.js';
import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import { problemOf } from '../errors/problem.js';
import { SKIP_RATE_LIMIT_KEY } from '../rate-limit/rate-limit.guard.js';
import { REQUEST_EXAMPLE_KEY, type RequestExample } from './api-examples.js';
import { PROBLEMS_KEY } from './api-problems.js';

/** What the guards and interceptors know about a route: the answers they can give besides its own. */
interface RouteFacts {
  isPublic: boolean;
  roles: string[];
  rateLimited: boolean;
  codes: ErrorCode[];
  example?: RequestExample;
}

export const IDEMPOTENCY_KEY_PARAMETER = 'IdempotencyKey';

/** The route facts of every controller method, by the operation id Nest's document gives it. */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const meta = <T>(key: string): T | undefined => (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, metatype)) as T | undefined;
        facts.set(`${metatype.name}_${name}`, {
          isPublic: meta<boolean>(PUBLIC_KEY) === true,
          roles: meta<string[]>(ROLES_KEY) ?? [],
          rateLimited: meta<boolean>(SKIP_RATE_LIMIT_KEY) !== true,
          codes: meta<ErrorCode[]>(PROBLEMS_KEY) ?? [],
          example: meta<RequestExample>(REQUEST_EXAMPLE_KEY),
        });
      }
    }
  }
  return facts;
}

/** Every code a route can answer with: its own, and those its guards, parameters and body bring. */
export function codesOf(method: string, operation: OperationObject, route: RouteFacts): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  const hasBody = operation.requestBody !== undefined;
  if (hasBody || (operation.parameters ?? []).length > 0) codes.add('validation_failed');
  if (!route.isPublic) codes.add('unauthenticated');
  if (route.roles.length > 0) codes.add('forbidden');
  for (const code of route.codes) codes.add(code);
  if (hasBody) codes.add('payload_too_large');
  if (method === 'post' && !route.isPublic) {
    codes.add('conflict'); // the same Idempotency-Key still running
    codes.add('idempotency_key_reused');
  }
  if (route.rateLimited) codes.add('rate_limited');
  if (!route.isPublic) {
    codes.add('dependency_unavailable');
    codes.add('service_busy');
  }
  return [...codes];
}

const RETRY_AFTER = { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } };

/** One response per status: the problem schema, the codes it carries, and an example of each. */
export function problemResponses(codes: ErrorCode[], path: string): Record<string, ResponseObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_CODES[code].status, [...(byStatus.get(ERROR_CODES[code].status) ?? []), code]);
  const responses: Record<string, ResponseObject> = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    const examples = Object.fromEntries(group.map((code) => [code, { summary: ERROR_CODES[code].title, value: example(code, path) }]));
    responses[String(status)] = {
      description: group.map((code) => `\`${code}\`: ${ERROR_CODES[code].title}`).join('; '),
      ...(status === 429 || status === 503 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, examples } },
    };
  }
  return responses;
}

function example(code: ErrorCode, path: string) {
  const errors = code === 'validation_failed' ? [{ path: 'field', message: 'what is wrong with it' }] : undefined;
  return { ...problemOf(code, undefined, errors), instance: path, requestId: 'f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d' };
}
