import { describe, expect, it } from '@jest/globals';
import { tokenClaims, type Caller, type Role } from './caller.js';
import { coordinatorOf, managerOf, officerOf, ownerOrAdmin, requireOwner, visibleTo } from './tenancy.js';

const as = (role: Role, org: string): Caller => ({ sub: `${role}-user`, role, org, requestId: '' });

describe('authorization policies', () => {
  it('lets an organisation act for itself, in the named role only', () => {
    expect(ownerOrAdmin(as('provider', 'p1'), 'p1')).toBe(true);
    expect(ownerOrAdmin(as('provider', 'p2'), 'p1')).toBe(false);
    expect(ownerOrAdmin(as('provider', 'p1'), 'p1', 'enterprise')).toBe(false);
    expect(ownerOrAdmin(as('admin', 'platform'), 'p1', 'enterprise')).toBe(true);
  });

  it('gives a district to its officers and an alliance to its managers', () => {
    expect(officerOf(as('district_officer', 'xuhui'), 'xuhui')).toBe(true);
    expect(officerOf(as('district_officer', 'pudong'), 'xuhui')).toBe(false);
    expect(officerOf(as('alliance_manager', 'xuhui'), 'xuhui')).toBe(false);
    expect(managerOf(as('alliance_manager', 'a1'), 'a1')).toBe(true);
    expect(managerOf(as('district_officer', 'a1'), 'a1')).toBe(false);
  });

  it("answers another tenant's object as not found, never forbidden", () => {
    expect(() => requireOwner(as('enterprise', 'e2'), 'e1')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => visibleTo(as('enterprise', 'e2'), { owner: 'e1' }, (o) => o.owner === 'e2')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => visibleTo(as('admin', 'platform'), null, () => true)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(visibleTo(as('admin', 'platform'), { owner: 'e1' }, () => false)).toEqual({ owner: 'e1' });
  });

  it("gives a city's coordinator every district and area of its city, and no other city's", () => {
    const shanghai = as('city_coordinator', 'shanghai');
    expect(['xuhui', 'songjiang', 'lingang', 'hongqiao'].every((d) => coordinatorOf(shanghai, d))).toBe(true);
    expect(coordinatorOf(shanghai, 'suzhou')).toBe(false);
    expect(coordinatorOf(as('city_coordinator', 'suzhou'), 'suzhou')).toBe(true);
    expect(coordinatorOf(as('district_officer', 'shanghai'), 'xuhui')).toBe(false);
    expect(officerOf(shanghai, 'xuhui')).toBe(false);
  });

  it('accepts a coordinator token only for a known city', () => {
    expect(tokenClaims.safeParse({ sub: 'c', role: 'city_coordinator', org: 'shanghai' }).success).toBe(true);
    expect(tokenClaims.safeParse({ sub: 'c', role: 'city_coordinator', org: 'xuhui' }).success).toBe(false);
    expect(tokenClaims.safeParse({ sub: 'c', role: 'city_coordinator', org: 'atlantis' }).success).toBe(false);
  });
});
