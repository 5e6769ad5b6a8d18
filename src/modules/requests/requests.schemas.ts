import { z } from 'zod';
import { instant } from '../../common/http/instant.schema.js';
import { riskAlertView } from '../information/information.schemas.js';
import { FACTORS } from '../../../libs/scoring/index.js';
import { categoryOfService, isCategoryCode, isCountryCode, isSectorCode } from '../../../libs/reference-data/index.js';
import { moneySchema } from '../../common/http/money.schema.js';
import { languageTag as language, referenceCode as code, distinctList } from '../../common/http/reference-fields.js';

const distinct = <T extends z.ZodType<string>>(item: T) => distinctList(item, 1, 50);

export const createRequestBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(10_000).default(''),
    category: code(isCategoryCode, 'category (see /v1/reference/categories)'),
    services: distinct(code((s) => categoryOfService(s) !== undefined, 'service (see /v1/reference/categories)')),
    countries: distinct(code(isCountryCode, 'ISO 3166-1 alpha-2 country code')),
    sector: code(isSectorCode, 'GB/T 4754-2017 section or division code'),
    budget: z.strictObject({ min: moneySchema, max: moneySchema }),
    languages: distinct(language),
    biddingClosesAt: instant()
      .transform((s) => new Date(s))
      .refine((date) => date > new Date(), 'must be in the future'),
  })
  .superRefine((body, ctx) => {
    body.services.forEach((service, i) => {
      const category = categoryOfService(service); // unknown services are already reported
      if (category && category !== body.category) {
        ctx.addIssue({ code: 'custom', path: ['services', i], message: `belongs to category ${category}, not ${body.category}` });
      }
    });
    if (body.budget.min.currency !== body.budget.max.currency) {
      ctx.addIssue({ code: 'custom', path: ['budget', 'max', 'currency'], message: 'must match budget.min.currency' });
    } else if (body.budget.min.amount > body.budget.max.amount) {
      ctx.addIssue({ code: 'custom', path: ['budget', 'max', 'amount'], message: 'must not be below budget.min.amount' });
    }
  })
  .meta({ id: 'RequestCreate' });
export type CreateRequestBody = z.infer<typeof createRequestBody>;

export const requestView = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    title: z.string(),
    description: z.string(),
    category: z.string(),
    services: z.array(z.string()),
    countries: z.array(z.string()),
    sector: z.string(),
    budget: z.object({ min: moneySchema, max: moneySchema }),
    languages: z.array(z.string()),
    biddingClosesAt: z.iso.datetime(),
    status: z.enum(['draft', 'open', 'awarded', 'cancelled', 'expired']),
    publishedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ServiceRequest' });
export type RequestView = z.infer<typeof requestView>;

export const matchesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const matchView = z
  .object({
    providerId: z.uuid(),
    rank: z.number().int(),
    score: z.number().min(0).max(1),
    factors: z.array(z.object({ name: z.enum(FACTORS), value: z.number(), weight: z.number(), contribution: z.number() }).meta({ id: 'MatchFactor' })),
    reasons: z.array(z.string()).describe('why, in English, strongest first'),
    reasonsZh: z.array(z.string()).describe('the same reasons in Chinese'),
    invited: z.boolean(),
    subsidyEstimate: moneySchema.nullable(),
  })
  .meta({ id: 'Match' });
export const matchList = z
  .object({
    data: z.array(matchView),
    nextCursor: z.null(),
    riskAlerts: z.array(riskAlertView).describe("the risk alerts active now in the request's countries that concern its category and sector (issue 29)"),
  })
  .meta({ id: 'MatchList' });

/** The fields of a draft an enterprise may change (issue 25); the merged draft is checked as a new one would be. */
export const updateRequestBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(10_000),
    category: z.string().max(40),
    services: z.array(z.string().max(40)).max(50),
    countries: z.array(z.string().max(2)).max(50),
    sector: z.string().max(10),
    budget: z.strictObject({ min: moneySchema, max: moneySchema }),
    languages: z.array(z.string().max(35)).max(50),
    biddingClosesAt: instant(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field')
  .meta({ id: 'RequestUpdate' });
export type UpdateRequestBody = z.infer<typeof updateRequestBody>;

export const listRequestsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  status: z.enum(['draft', 'open', 'awarded', 'cancelled', 'expired']).optional(),
});
export type ListRequestsQuery = z.infer<typeof listRequestsQuery>;
export const requestPage = z.object({ data: z.array(requestView), nextCursor: z.string().nullable() }).meta({ id: 'ServiceRequestList' });

export const inviteBody = z.strictObject({ providerId: z.uuid() }).meta({ id: 'InvitationCreate' });
export type InviteBody = z.infer<typeof inviteBody>;

export const invitationView = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    providerId: z.uuid(),
    source: z
      .enum(['matching', 'enterprise'])
      .describe("'matching': the publishing run ranked the provider in its top few; 'enterprise': the enterprise chose it"),
    status: z.enum(['open', 'declined']),
    invitedAt: z.iso.datetime(),
    declinedAt: z.iso.datetime().nullable(),
    declineReason: z.string().nullable(),
    request: z
      .object({ title: z.string(), category: z.string(), countries: z.array(z.string()), status: requestView.shape.status, biddingClosesAt: z.iso.datetime() })
      .nullable()
      .describe("the request as the provider may see it (null for the enterprise's answer, which has the request already)"),
  })
  .meta({ id: 'Invitation' });
export type InvitationView = z.infer<typeof invitationView>;
export const invitationPage = z.object({ data: z.array(invitationView), nextCursor: z.string().nullable() }).meta({ id: 'InvitationList' });

export const listInvitationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  status: z.enum(['open', 'declined']).optional(),
});
export type ListInvitationsQuery = z.infer<typeof listInvitationsQuery>;

export const declineBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) }).meta({ id: 'InvitationDecline' });
export type DeclineBody = z.infer<typeof declineBody>;

export const excludeBody = z.strictObject({ providerId: z.uuid(), reason: z.string().trim().min(1).max(1000) }).meta({ id: 'ExclusionCreate' });
export type ExcludeBody = z.infer<typeof excludeBody>;

export const exclusionView = z
  .object({ requestId: z.uuid(), providerId: z.uuid(), reason: z.string(), excludedAt: z.iso.datetime() })
  .meta({ id: 'Exclusion' });
export type ExclusionView = z.infer<typeof exclusionView>;
export const exclusionList = z.object({ data: z.array(exclusionView), nextCursor: z.null() }).meta({ id: 'ExclusionList' });
