import { z } from 'zod';
import { isCountryCode, isServiceCode } from '../../../libs/reference-data/index.js';
import { instant } from '../../common/http/instant.schema.js';
import { moneySchema } from '../../common/http/money.schema.js';
import { pageQuery } from '../../common/http/pagination.js';
import { referenceCode } from '../../common/http/reference-fields.js';
import { APPLICATION_STATUSES } from '../../db/schema/city.js';

const positiveMoney = moneySchema.refine((m) => m.amount > 0, { path: ['amount'], message: 'must be above zero' });

export const applyBody = z
  .strictObject({
    need: z.string().trim().min(1).max(4000).describe('what the enterprise needs abroad, in its own words'),
    country: referenceCode(isCountryCode, 'ISO 3166-1 alpha-2 country'),
    service: referenceCode(isServiceCode, 'service code (see /v1/reference/categories)'),
    estimatedPrice: positiveMoney.describe("the purchase's estimated price, in the programme's currency"),
  })
  .meta({ id: 'VoucherApplicationCreate' });
export type ApplyBody = z.infer<typeof applyBody>;

export const approveBody = z.strictObject({ faceValue: positiveMoney, expiresAt: instant() }).meta({ id: 'VoucherApplicationApprove' });
export type ApproveBody = z.infer<typeof approveBody>;

export const rejectBody = z
  .strictObject({ reason: z.string().trim().min(1).max(2000).describe('told to the enterprise') })
  .meta({ id: 'VoucherApplicationReject' });
export type RejectBody = z.infer<typeof rejectBody>;

export const applicationView = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    district: z.string(),
    enterpriseId: z.uuid(),
    need: z.string(),
    country: z.string(),
    service: z.string(),
    estimatedPrice: moneySchema,
    status: z.enum(APPLICATION_STATUSES),
    voucherId: z.uuid().nullable().describe('the voucher issued on approval'),
    reason: z.string().nullable().describe('why it was rejected'),
    decidedAt: z.iso.datetime().nullable(),
    slaFlaggedAt: z.iso.datetime().nullable().describe('when it was flagged to the district as unanswered past APPLICATION_SLA_DAYS'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'VoucherApplication' });
export type ApplicationView = z.infer<typeof applicationView>;
export const applicationList = z.object({ data: z.array(applicationView), nextCursor: z.string().nullable() }).meta({ id: 'VoucherApplicationList' });

export const listApplicationsQuery = pageQuery.extend({ programId: z.uuid().optional(), status: z.enum(APPLICATION_STATUSES).optional() });
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuery>;
