import { SetMetadata } from '@nestjs/common';
import type { ErrorCode } from '../errors/error-codes.js';

export const PROBLEMS_KEY = 'seaward:problem-codes';

/**
 * The error codes an operation's own logic answers with (tenancy's `not_found`, a state's
 * `conflict`, `budget_exhausted`, …). What the framework adds — `unauthenticated`, `forbidden`,
 * `rate_limited`, bad parameters or body, `Idempotency-Key` misuse, `service_busy` — is derived
 * from the route's own guards and shape when the document is built (openapi/problem-responses.ts).
 */
export const ApiProblems = (...codes: ErrorCode[]): MethodDecorator => SetMetadata(PROBLEMS_KEY, codes);
