import { z } from 'zod';
import { MEMBER_ROLES, ORGANISATION_TYPES } from '../../db/schema/identity.js';

/** A UUID, a district code or `platform`: what a membership's organisation id can be. */
export const organisationIdParam = z
  .string()
  .regex(/^[a-z_]{1,40}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an organisation UUID, a district code or platform');

export const invitationBody = z
  .strictObject({
    email: z.email().max(320),
    role: z.enum(MEMBER_ROLES).default('member'),
    organisationType: z.enum(ORGANISATION_TYPES).optional().describe('admins name the kind of organisation; others invite to the one they act for'),
  })
  .meta({ id: 'ColleagueInvitationCreate' });
export type InvitationBody = z.infer<typeof invitationBody>;

export const invitationView = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(MEMBER_ROLES),
    organisationType: z.enum(ORGANISATION_TYPES),
    organisationId: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'ColleagueInvitation' });

export const acceptInvitationBody = z.strictObject({ token: z.string().min(20).max(200) }).meta({ id: 'ColleagueInvitationAccept' });
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBody>;

export const memberView = z
  .object({
    personId: z.uuid(),
    membershipId: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    memberRole: z.enum(MEMBER_ROLES),
    since: z.string(),
  })
  .meta({ id: 'OrganisationMember' });
export const memberList = z.object({ data: z.array(memberView) }).meta({ id: 'OrganisationMemberList' });
