import { z } from 'zod';
import { ROLES } from '../../common/auth/caller.js';
import { MEMBER_ROLES, ORGANISATION_TYPES } from '../../db/schema/identity.js';

export const devTokenBody = z
  .strictObject({
    role: z.enum(ROLES),
    org: z.string().min(1).max(100),
    sub: z.string().min(1).max(200).optional(),
  })
  .meta({ id: 'DevTokenRequest' });
export type DevTokenBody = z.infer<typeof devTokenBody>;

export const devTokenView = z.object({ token: z.string() }).meta({ id: 'DevToken' });

export const membershipView = z
  .object({
    id: z.uuid(),
    organisationType: z.enum(ORGANISATION_TYPES),
    organisationId: z.string(),
    organisationName: z.string().nullable().describe('null while the organisation has not registered its profile'),
    role: z.enum(ROLES).describe('the product role this membership acts in'),
    memberRole: z.enum(MEMBER_ROLES).describe('owners invite and remove colleagues'),
  })
  .meta({ id: 'OrganisationMembership' });
export type MembershipView = z.infer<typeof membershipView>;

export const meView = z
  .object({
    person: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), locale: z.string() }),
    memberships: z.array(membershipView),
    activeMembershipId: z.uuid().nullable(),
    role: z.enum(ROLES).nullable().describe("the active membership's role; null until the person belongs to an organisation"),
    org: z.string().nullable().describe("the active membership's organisation (a UUID, a district code, or platform)"),
  })
  .meta({ id: 'Me' });
export type MeView = z.infer<typeof meView>;

export const activeMembershipBody = z.strictObject({ membershipId: z.uuid() }).meta({ id: 'ActiveMembershipSet' });
export type ActiveMembershipBody = z.infer<typeof activeMembershipBody>;

export const devSessionBody = z
  .strictObject({
    role: z.enum(ROLES),
    org: z.string().min(1).max(100),
    name: z.string().min(1).max(200).optional(),
    email: z.email().max(320).optional(),
  })
  .meta({ id: 'DevSessionRequest' });
export type DevSessionBody = z.infer<typeof devSessionBody>;
