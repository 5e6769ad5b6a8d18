import { DomainError } from '../errors/domain-error.js';
import { findDistrict, cityCode } from '../../../libs/reference-data/index.js';
import type { Caller, Role } from './caller.js';

/**
 * The authorization policies every service uses. Tenancy (docs/api.md "Tenancy"): another tenant's
 * object is 404, never 403, so its existence is not revealed.
 */

export const isAdmin = (caller: Caller): boolean => caller.role === 'admin';

/** The caller acts for this organisation (in this role, when one is given). */
export function actsFor(caller: Caller, org: string, role?: Role): boolean {
  return caller.org === org && (role === undefined || caller.role === role);
}

/** An admin, or someone acting for the organisation the object belongs to. */
export function ownerOrAdmin(caller: Caller, org: string, role?: Role): boolean {
  return isAdmin(caller) || actsFor(caller, org, role);
}

/** 404 unless `ownerOrAdmin`; checked before any row is locked, so a stranger never holds it. */
export function requireOwner(caller: Caller, org: string, role?: Role): void {
  if (!ownerOrAdmin(caller, org, role)) throw new DomainError('not_found');
}

/** The district's own officers, and admins. */
export const officerOf = (caller: Caller, district: string): boolean => ownerOrAdmin(caller, district, 'district_officer');

/** The alliance's own managers, and admins. */
export const managerOf = (caller: Caller, allianceId: string): boolean => ownerOrAdmin(caller, allianceId, 'alliance_manager');

/** Pass the object (or nothing) and whether this caller may see it: admins see everything, others what `maySee` allows. */
export function visibleTo<T>(caller: Caller, object: T | null | undefined, maySee: (object: T) => boolean): T {
  if (object == null) throw new DomainError('not_found');
  if (isAdmin(caller) || maySee(object)) return object;
  throw new DomainError('not_found');
}

/** A city coordinator of the city the district belongs to (issue 28): reads, never writes. */
export function coordinatorOf(caller: Caller, district: string): boolean {
  const found = findDistrict(district);
  return caller.role === 'city_coordinator' && found !== undefined && cityCode(found.city) === caller.org;
}
