/** The stable machine codes of docs/api.md ("Stable error codes"), with the status and title each one carries. */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'The request is invalid' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'This role may not do that' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The object is not in a state that allows this' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  idempotency_key_reused: { status: 422, title: 'The Idempotency-Key was used with a different request' },
  budget_exhausted: { status: 409, title: 'The programme budget does not cover this' },
  cap_exceeded: { status: 409, title: 'A subsidy cap would be exceeded' },
  voucher_not_applicable: { status: 409, title: 'The voucher does not apply to this purchase' },
  file_infected: { status: 422, title: 'The virus scan found something in the file' },
  destination_refused: { status: 422, title: 'The destination is not a public address' },
  provider_not_eligible: { status: 409, title: 'The provider is not eligible' },
  enterprise_not_eligible: { status: 409, title: 'The enterprise is not eligible for this programme' },
  fx_rate_stale: { status: 409, title: 'No exchange rate recent enough to lock' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'A dependency is unavailable' },
  dependency_unavailable: { status: 503, title: 'A dependency (Postgres or Redis) cannot be reached; retry shortly' },
  service_busy: { status: 503, title: 'The service is busy; retry shortly' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}
