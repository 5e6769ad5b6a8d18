import { z } from 'zod';
import { instant } from '../../common/http/instant.schema.js';
import { categoryOfService, isCategoryCode, isCountryCode, isDistrictCode, isSectorCode } from '../../../libs/reference-data/index.js';
import { moneySchema } from '../../common/http/money.schema.js';
import { distinctList as distinct, languageTag as language, referenceCode as code } from '../../common/http/reference-fields.js';

const priceBand = z
  .strictObject({ min: moneySchema, max: moneySchema })
  .refine((band) => band.min.currency === band.max.currency, { path: ['max', 'currency'], message: 'must match min.currency' })
  .refine((band) => band.min.amount <= band.max.amount, { path: ['max', 'amount'], message: 'must not be below min.amount' });

const providerFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  district: code(isDistrictCode, 'district code (see /v1/reference/districts)'),
  categories: distinct(code(isCategoryCode, 'category (see /v1/reference/categories)')),
  services: distinct(code((s) => categoryOfService(s) !== undefined, 'service (see /v1/reference/categories)')),
  countries: distinct(code(isCountryCode, 'ISO 3166-1 alpha-2 country code')),
  sectors: distinct(code(isSectorCode, 'GB/T 4754-2017 section or division code'), 0),
  languages: distinct(language),
  priceBand,
  capacity: z.number().int().min(1).max(10_000),
  overseasOffices: distinct(code(isCountryCode, 'ISO 3166-1 alpha-2 country code'), 0).default([]),
};

/** Rules across fields: services belong to the chosen categories, offices lie in covered countries. */
export function consistencyIssues(p: { categories?: string[]; services?: string[]; countries?: string[]; overseasOffices?: string[] }) {
  const issues: { path: (string | number)[]; message: string }[] = [];
  p.services?.forEach((service, i) => {
    const category = categoryOfService(service);
    if (category && p.categories && !p.categories.includes(category)) {
      issues.push({ path: ['services', i], message: `belongs to category ${category}, which is not in categories` });
    }
  });
  p.overseasOffices?.forEach((country, i) => {
    if (p.countries && !p.countries.includes(country)) issues.push({ path: ['overseasOffices', i], message: 'must be one of countries' });
  });
  return issues;
}

function consistent(p: Parameters<typeof consistencyIssues>[0], ctx: z.RefinementCtx) {
  for (const issue of consistencyIssues(p)) ctx.addIssue({ code: 'custom', ...issue });
}

export const createProviderBody = z.strictObject(providerFields).superRefine(consistent).meta({ id: 'ProviderCreate' });
export type CreateProviderBody = z.infer<typeof createProviderBody>;

export const updateProviderBody = z
  .strictObject({ ...providerFields, description: z.string().max(5000), overseasOffices: providerFields.overseasOffices.unwrap() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'at least one field is required')
  .meta({ id: 'ProviderUpdate' });
export type UpdateProviderBody = z.infer<typeof updateProviderBody>;

export const credentialBody = z
  .strictObject({
    type: z.string().trim().min(1).max(100),
    issuer: z.string().trim().min(1).max(200),
    number: z.string().trim().min(1).max(100),
    country: code(isCountryCode, 'ISO 3166-1 alpha-2 country code'),
    expiresAt: instant().transform((s) => new Date(s)),
  })
  .meta({ id: 'CredentialCreate' });
export type CredentialBody = z.infer<typeof credentialBody>;

export const credentialView = z
  .object({
    id: z.uuid(),
    type: z.string(),
    issuer: z.string(),
    number: z.string(),
    country: z.string(),
    expiresAt: z.iso.datetime(),
    expired: z.boolean(),
  })
  .meta({ id: 'Credential' });

export const providerView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    district: z.string(),
    categories: z.array(z.string()),
    services: z.array(z.string()),
    countries: z.array(z.string()),
    overseasOffices: z.array(z.string()),
    sectors: z.array(z.string()),
    languages: z.array(z.string()),
    priceBand: z.object({ min: moneySchema, max: moneySchema }),
    capacity: z.number().int(),
    vetted: z.boolean(),
    vettedUntil: z.iso.datetime().nullable(),
    alliances: z.array(z.uuid()).describe('alliances in which the provider is an active member'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    credentials: z.array(credentialView).optional(),
  })
  .meta({ id: 'Provider' });
export type ProviderView = z.infer<typeof providerView>;
