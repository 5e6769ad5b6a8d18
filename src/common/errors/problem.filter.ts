import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { problemOf, toProblem, type Problem } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The one place where errors become HTTP responses (Medusa's error-handler, twenty's filters). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    let problem = toProblem(error);
    if (problem?.code === 'service_busy') this.logger.warn({ err: error, requestId: request.id }, 'database busy');
    if (!problem) {
      this.logger.error({ err: error, requestId: request.id }, 'unhandled error');
      problem = problemOf('internal_error', 'An unexpected error occurred; it has been logged');
    }
    sendProblem(response, { ...problem, instance: request.originalUrl, requestId: request.id });
  }
}

export function sendProblem(response: Response, problem: Problem): void {
  if (response.headersSent) return;
  // Busy or unavailable: a second is long enough for a lock or a connection to free up.
  if (problem.status === 503 && !response.getHeader('Retry-After')) response.setHeader('Retry-After', 1);
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
