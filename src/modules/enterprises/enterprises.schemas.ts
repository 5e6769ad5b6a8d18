import { z } from 'zod';
import { isDistrictCode, isSectorCode } from '../../../libs/reference-data/index.js';
import { validateUscc } from '../../../libs/uscc/index.js';

const uscc = z.string().superRefine((value, ctx) => {
  const result = validateUscc(value);
  if (!result.ok) ctx.addIssue({ code: 'custom', message: `is not a valid unified social credit code: ${result.message}` });
});

export const createEnterpriseBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    uscc,
    district: z.string().refine(isDistrictCode, 'is not a known district code (see /v1/reference/districts)'),
    sector: z.string().refine(isSectorCode, 'is not a GB/T 4754-2017 section or division code (see /v1/reference/sectors)'),
    sme: z.boolean(),
    parentUscc: uscc.optional(),
    contact: z
      .strictObject({
        name: z.string().trim().min(1).max(100),
        email: z.email().max(254).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9 ()-]{5,20}$/, 'must be a phone number')
          .optional(),
      })
      .optional()
      .describe('whom the provider of an engagement contacts'),
  })
  .refine((body) => body.parentUscc !== body.uscc, { path: ['parentUscc'], message: 'must differ from uscc' })
  .meta({ id: 'EnterpriseCreate' });
export type CreateEnterpriseBody = z.infer<typeof createEnterpriseBody>;

export const enterpriseView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    uscc: z.string(),
    district: z.string(),
    sector: z.string(),
    sme: z.boolean(),
    parentUscc: z.string().nullable(),
    parentUsccConfirmed: z
      .boolean()
      .describe("whether the district's officer confirmed parentUscc: only then does the enterprise share its group's subsidy caps"),
    contact: z
      .object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() })
      .nullable()
      .describe('whom the provider of an engagement contacts; null when none was given'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Enterprise' });

export const confirmGroupBody = z
  .strictObject({ parentUscc: uscc.describe('the parent group the enterprise declared, as verified by the officer') })
  .meta({ id: 'GroupConfirmation' });
export type ConfirmGroupBody = z.infer<typeof confirmGroupBody>;
export type EnterpriseView = z.infer<typeof enterpriseView>;

export const enterpriseList = z.object({ data: z.array(enterpriseView), nextCursor: z.string().nullable() }).meta({ id: 'EnterpriseList' });

export const listEnterprisesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  district: z.string().optional(),
  q: z.string().trim().min(2).max(100).optional().describe('part of the name (case-insensitive), or the start of the unified social credit code'),
});
export type ListEnterprisesQuery = z.infer<typeof listEnterprisesQuery>;
