import { z } from 'zod';
import { isCityCode } from '../../../libs/reference-data/index.js';
import { isMonth } from '../../../libs/city-reports/index.js';
import { moneySchema } from '../../common/http/money.schema.js';
import { referenceCode } from '../../common/http/reference-fields.js';
import { programView } from '../subsidies/vouchers.schemas.js';

export const MAX_REPORT_MONTHS = 36;
const month = z.string().refine(isMonth, 'must be a month, YYYY-MM');
const city = referenceCode(isCityCode, 'city code (shanghai, suzhou, …)');

export const reportQuery = z
  .strictObject({
    city,
    from: month,
    to: month,
    format: z.enum(['json', 'csv', 'xlsx']).default('json').describe('json; csv (UTF-8 with BOM) or xlsx: a row per figure'),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    const span = (Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4))) * 12 + Number(q.to.slice(5)) - Number(q.from.slice(5));
    if (span >= MAX_REPORT_MONTHS) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be within ${MAX_REPORT_MONTHS} months of from` });
  });
export type ReportQuery = z.infer<typeof reportQuery>;

const amounts = z.record(z.string(), z.number().int()).describe('minor units by ISO 4217 currency');
export const monthFigures = z
  .object({
    enterprisesServed: z.number().int().describe('distinct enterprises of the district with an award in the month'),
    requests: z.number().int().describe("requests of the district's enterprises published in the month"),
    awards: z.number().int().describe("engagements of the district's enterprises awarded in the month"),
    medianDaysPublishToAward: z.number().nullable(),
    vouchers: z.object({
      issued: z.number().int(),
      issuedAmount: amounts,
      committed: amounts.describe("subsidy committed at award by the district's programmes"),
      paid: amounts.describe('subsidy in settlements confirmed paid in the month'),
    }),
    subsidyByCategory: z.record(z.string(), amounts),
    subsidyByCountry: z.record(z.string(), amounts).describe("by the request's first target country"),
    allianceMembers: z.object({
      active: z.number().int(),
      vetted: z.number().int(),
      pending: z.number().int(),
      suspended: z.number().int(),
      lapsed: z.number().int(),
    }),
    ratings: z.object({ count: z.number().int(), mean: z.number().nullable() }),
    applications: z.object({
      received: z.number().int(),
      approved: z.number().int(),
      rejected: z.number().int(),
      pending: z.number().int(),
      medianHoursToAnswer: z.number().nullable(),
      flaggedOverSla: z.number().int(),
    }),
    desk: z
      .object({
        received: z.number().int().describe("questions asked at the district's request desk in the month"),
        answered: z.number().int().describe('of those, answered'),
        closed: z.number().int().describe('of those, closed with an outcome'),
        outcomes: z.object({
          answered: z.number().int(),
          referred: z.number().int().describe('referred to a provider'),
          odi_filed: z.number().int(),
          odi_approved: z.number().int(),
        }),
        pastDue: z.number().int().describe('of those, flagged past their working-day due date'),
        medianHoursToAnswer: z.number().nullable().describe('hours from asked to answered, over the answered ones'),
      })
      .describe('the request desk (企业诉求快速响应); a month frozen before the desk was counted reads zeros'),
  })
  .meta({ id: 'CityReportFigures' });

export const reportView = z
  .object({
    city: z.string(),
    from: z.string(),
    to: z.string(),
    months: z.array(
      z.object({
        district: z.string(),
        month: z.string(),
        closed: z.boolean().describe('frozen when the month closed; otherwise computed now'),
        closedAt: z.iso.datetime().nullable(),
        figures: monthFigures,
      }),
    ),
  })
  .meta({ id: 'CityReport' });
export type ReportView = z.infer<typeof reportView>;

export const cityProgramsQuery = z.strictObject({ city });
export type CityProgramsQuery = z.infer<typeof cityProgramsQuery>;

export const cityProgramsView = z
  .object({
    city: z.string(),
    programs: z.array(programView),
    overlaps: z
      .array(
        z.object({
          category: z.string(),
          districts: z.array(z.string()),
          programIds: z.array(z.uuid()),
          rates: z.array(z.number().int()),
          caps: z.array(moneySchema),
        }),
      )
      .describe('categories that programmes of more than one district subsidise: where districts compete for the same firms'),
  })
  .meta({ id: 'CityPrograms' });
export type CityProgramsView = z.infer<typeof cityProgramsView>;
