import { ERROR_CODES, type ErrorCode, type FieldError } from './error-codes.js';

/** What services throw; the problem filter turns it into problem+json with the code's status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'DomainError';
  }

  static validation(errors: FieldError[], detail = 'The request has invalid fields'): DomainError {
    return new DomainError('validation_failed', detail, errors);
  }
}
