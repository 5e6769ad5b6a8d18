import { SetMetadata } from '@nestjs/common';

export const REQUEST_EXAMPLE_KEY = 'seaward:request-example';

export interface RequestExample {
  summary: string;
  value: Record<string, unknown>;
}

/**
 * A request body a client can send as it is, shown in the OpenAPI document beside the body's
 * schema (`redocly lint` checks it against that schema).
 */
export const ApiRequestExample = (summary: string, value: Record<string, unknown>): MethodDecorator =>
  SetMetadata(REQUEST_EXAMPLE_KEY, { summary, value } satisfies RequestExample);
