import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';
import type { FieldError } from '../errors/error-codes.js';

/** Validates a body, query or param against a zod schema; every bad field is named. */
export class SchemaPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly prefix = '',
  ) {}

  transform(value: unknown): z.infer<S> {
    const nul = pathOfNul(value);
    if (nul !== null) {
      const path = [this.prefix, nul].filter(Boolean).join('.');
      throw DomainError.validation([{ path, message: 'must not contain the NUL character (\\u0000)' }]);
    }
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw DomainError.validation(fieldErrors(parsed.error, this.prefix));
  }
}

export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'is not a known field' }));
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return [{ path, message: path ? 'is required' : 'a JSON body is required' }];
    }
    return [{ path, message: issue.message }];
  });
}

/**
 * The path of the first string (or key) holding U+0000, which Postgres text cannot store, else
 * null. Checked before the schema so no validated input can carry one to the database.
 */
export function pathOfNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '\\u0000')].join('.');
    const found = pathOfNul(inner, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}
