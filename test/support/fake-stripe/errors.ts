/** The `error` member of a Stripe v1 error response, as the SDK's generateV1Error reads it. */
export interface StripeErrorBody {
  type: string;
  code?: string;
  message: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
}

/**
 * An answer other than 2xx. `replayable` marks failures of the operation itself (an over-refund),
 * which Stripe stores under the idempotency key; failed validation is not stored, so a corrected
 * retry with the same key runs.
 */
export class FakeStripeError extends Error {
  constructor(
    readonly status: number,
    readonly error: StripeErrorBody,
    readonly replayable = false,
  ) {
    super(error.message);
  }

  toJSON(): { error: StripeErrorBody } {
    const docUrl = this.error.code ? `https://stripe.com/docs/error-codes/${this.error.code.replaceAll('_', '-')}` : undefined;
    return { error: { doc_url: docUrl, ...this.error } };
  }
}

/** An unknown id: 404 when it is in the URL, 400 naming the param when it came in the body. */
export function noSuch(kind: string, id: string, param?: string): FakeStripeError {
  return new FakeStripeError(param ? 400 : 404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param: param ?? 'id',
    message: `No such ${kind}: '${id}'`,
  });
}
