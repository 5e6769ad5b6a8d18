import { z } from 'zod';
import { isCityCode } from '../../../libs/reference-data/index.js';

export const ROLES = ['enterprise', 'provider', 'district_officer', 'alliance_manager', 'admin', 'city_coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from the verified token: `org` is the tenant the caller acts for. */
export interface Caller {
  sub: string;
  role: Role;
  org: string;
  requestId: string;
  /** Set when the call carries a session: the signed-in person, and the membership it acts through. */
  personId?: string;
  membershipId?: string;
}

/**
 * `org` is the enterprise, provider or alliance id (a UUID), a district code for district
 * officers, a city code for city coordinators (`shanghai`), or any label for the platform's admins.
 */
export const tokenClaims = z.object({ sub: z.string().min(1).max(200), role: z.enum(ROLES), org: z.string().min(1).max(100) }).superRefine((claims, ctx) => {
  const needsUuid = claims.role === 'enterprise' || claims.role === 'provider' || claims.role === 'alliance_manager';
  if (needsUuid && !z.uuid().safeParse(claims.org).success) {
    ctx.addIssue({ code: 'custom', path: ['org'], message: `must be a UUID for role ${claims.role}` });
  }
  if (claims.role === 'district_officer' && !/^[a-z_]+$/.test(claims.org)) {
    ctx.addIssue({ code: 'custom', path: ['org'], message: 'must be a district code for role district_officer' });
  }
  if (claims.role === 'city_coordinator' && !isCityCode(claims.org)) {
    ctx.addIssue({ code: 'custom', path: ['org'], message: 'must be a city code (shanghai, suzhou, …) for role city_coordinator' });
  }
});

export type TokenClaims = z.infer<typeof tokenClaims>;
