import { z } from 'zod';
import { instant } from '../../common/http/instant.schema.js';
import { distinctList, referenceCode as code } from '../../common/http/reference-fields.js';
import { isCategoryCode, isCountryCode, isSectorCode } from '../../../libs/reference-data/index.js';

export const countryCode = z.string().refine(isCountryCode, 'is not an ISO 3166-1 alpha-2 country code (see /v1/reference/countries)');

const title = z.string().trim().min(1).max(200);
const markdown = z.string().trim().min(1).max(50_000).describe('Markdown; raw HTML is shown as text, and javascript: links are dropped');
const bilingualHtml = z
  .object({ zh: z.string(), en: z.string() })
  .describe('the bodies rendered to HTML that is safe to insert in a page (libs/safe-markdown)');

export const createBriefBody = z
  .strictObject({
    titleZh: title,
    titleEn: title,
    bodyZh: markdown,
    bodyEn: markdown,
    validFrom: instant()
      .transform((s) => new Date(s))
      .optional()
      .describe('when the brief applies from; now when omitted'),
  })
  .meta({ id: 'CountryBriefCreate' });
export type CreateBriefBody = z.infer<typeof createBriefBody>;

export const briefView = z
  .object({
    id: z.uuid(),
    country: z.string(),
    version: z.number().int().describe('1 for the first brief of the country, then one more for each new one'),
    titleZh: z.string(),
    titleEn: z.string(),
    bodyZh: z.string(),
    bodyEn: z.string(),
    html: bilingualHtml,
    validFrom: z.iso.datetime(),
    publisher: z.object({ role: z.string(), org: z.string() }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CountryBrief' });
export type BriefView = z.infer<typeof briefView>;
export const briefPage = z.object({ data: z.array(briefView), nextCursor: z.string().nullable() }).meta({ id: 'CountryBriefList' });

export const briefsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type BriefsQuery = z.infer<typeof briefsQuery>;

const codes = <T extends z.ZodType<string>>(item: T, min: number) => distinctList(item, min, 50);

export const createRiskAlertBody = z
  .strictObject({
    countries: codes(code(isCountryCode, 'ISO 3166-1 alpha-2 country code'), 1),
    level: z.number().int().min(1).max(4).describe('1 (watch) to 4 (leave or do not go)'),
    categories: codes(code(isCategoryCode, 'category (see /v1/reference/categories)'), 0).default([]).describe('empty: every category'),
    sectors: codes(code(isSectorCode, 'GB/T 4754-2017 section or division code'), 0).default([]).describe('empty: every sector'),
    titleZh: title,
    titleEn: title,
    bodyZh: markdown,
    bodyEn: markdown,
    validFrom: instant().transform((s) => new Date(s)),
    validTo: instant().transform((s) => new Date(s)),
  })
  .refine((body) => body.validTo > body.validFrom, { path: ['validTo'], message: 'must be after validFrom' })
  .meta({ id: 'RiskAlertCreate' });
export type CreateRiskAlertBody = z.infer<typeof createRiskAlertBody>;

export const riskAlertView = z
  .object({
    id: z.uuid(),
    countries: z.array(z.string()),
    level: z.number().int().min(1).max(4),
    categories: z.array(z.string()),
    sectors: z.array(z.string()),
    titleZh: z.string(),
    titleEn: z.string(),
    bodyZh: z.string(),
    bodyEn: z.string(),
    html: bilingualHtml,
    validFrom: z.iso.datetime(),
    validTo: z.iso.datetime(),
    publisher: z.string().describe('the district that published it'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RiskAlert' });
export type RiskAlertView = z.infer<typeof riskAlertView>;
export const riskAlertList = z.object({ data: z.array(riskAlertView), nextCursor: z.null() }).meta({ id: 'RiskAlertList' });
export const riskAlertPublished = riskAlertView
  .extend({ notifiedEnterprises: z.number().int().describe('enterprises with an open request or engagement there, told once each') })
  .meta({ id: 'RiskAlertPublished' });

export const riskAlertsQuery = z.strictObject({ country: countryCode.describe('the alerts active now for this country') });
