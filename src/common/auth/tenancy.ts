import { DomainError } from '../errors/domain-error.js';
import type { Caller } from './caller.js';

/**
 * Tenancy rule of docs/api.md ("Tenancy"): another tenant's object is 404, never 403, so its existence is not
 * revealed. Pass the object (or nothing) and whether this caller may see it.
 */
export function visibleTo<T>(caller: Caller, object: T | null | undefined, maySee: (object: T) => boolean): T {
  if (object == null) throw new DomainError('not_found');
  if (caller.role === 'admin' || maySee(object)) return object;
  throw new DomainError('not_found');
}

export function actsFor(caller: Caller, org: string): boolean {
  return caller.org === org;
}
