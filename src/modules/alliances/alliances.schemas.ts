import { z } from 'zod';
import { instant } from '../../common/http/instant.schema.js';
import { isDistrictCode } from '../../../libs/reference-data/index.js';
import { FACTORS } from '../../../libs/scoring/index.js';

export const createAllianceBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    districts: z.array(z.string().refine(isDistrictCode, 'is not a known district code (see /v1/reference/districts)')).min(1).max(50),
  })
  .meta({ id: 'AllianceCreate' });
export type CreateAllianceBody = z.infer<typeof createAllianceBody>;

export const allianceView = z
  .object({ id: z.uuid(), name: z.string(), districts: z.array(z.string()), memberCount: z.number().int().describe('vetted members') })
  .meta({ id: 'Alliance' });
export type AllianceView = z.infer<typeof allianceView>;
export const allianceList = z.object({ data: z.array(allianceView), nextCursor: z.null() }).meta({ id: 'AllianceList' });

export const approveBody = z
  .strictObject({
    vettedUntil: instant()
      .transform((s) => new Date(s))
      .refine((date) => date > new Date(), 'must be in the future'),
  })
  .meta({ id: 'MembershipApprove' });
export type ApproveBody = z.infer<typeof approveBody>;

export const suspendBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) }).meta({ id: 'MembershipSuspend' });
export type SuspendBody = z.infer<typeof suspendBody>;

export const membershipView = z
  .object({
    allianceId: z.uuid(),
    providerId: z.uuid(),
    status: z.enum(['pending', 'active', 'suspended', 'lapsed']),
    vettedUntil: z.iso.datetime().nullable(),
    suspendedReason: z.string().nullable(),
    appliedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Membership' });
export type MembershipView = z.infer<typeof membershipView>;
export const membershipList = z.object({ data: z.array(membershipView), nextCursor: z.null() }).meta({ id: 'MembershipList' });

export const matchWeightsBody = z
  .strictObject({ weights: z.partialRecord(z.enum(FACTORS), z.number().min(0).finite()) })
  .meta({ id: 'MatchWeights', description: 'Factor weights overriding the platform defaults, key by key; normalised to sum 1' });
export type MatchWeightsBody = z.infer<typeof matchWeightsBody>;
export const matchWeightsView = z.object({ allianceId: z.uuid(), weights: z.record(z.enum(FACTORS), z.number()) }).meta({ id: 'MatchWeightsResolved' });
export const currentMatchWeightsView = z
  .object({
    allianceId: z.uuid(),
    weights: z.record(z.enum(FACTORS), z.number()).describe('what ranks the requests of its districts, normalised to sum 1'),
    overrides: z.partialRecord(z.enum(FACTORS), z.number()).nullable().describe('what the alliance set; null: the platform weights'),
  })
  .meta({ id: 'MatchWeightsCurrent' });
