import { z } from 'zod';
import { DESK_OUTCOMES, DESK_STATUSES, DESK_TOPICS } from '../../db/schema/desk.js';

export const askBody = z
  .strictObject({
    topic: z.enum(DESK_TOPICS).describe('odi_filing, tax, legal, vouchers or other'),
    text: z.string().trim().min(1).max(5000),
  })
  .meta({ id: 'DeskQuestionCreate' });
export type AskBody = z.infer<typeof askBody>;

export const questionView = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    district: z.string(),
    topic: z.enum(DESK_TOPICS),
    text: z.string(),
    status: z.enum(DESK_STATUSES),
    askedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().describe('the end (24:00 China Standard Time) of the DESK_SLA_WORKING_DAYS-th working day after the day asked'),
    overdue: z.boolean().describe('flagged to the district past its due date, still unclosed then'),
    takenBy: z.string().nullable(),
    answer: z.string().nullable(),
    providerIds: z.array(z.uuid()).describe('providers the officer points to'),
    programIds: z.array(z.uuid()).describe('programmes the officer points to'),
    answeredAt: z.iso.datetime().nullable(),
    outcome: z.enum(DESK_OUTCOMES).nullable(),
    closedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DeskQuestion' });
export type QuestionView = z.infer<typeof questionView>;
export const questionPage = z.object({ data: z.array(questionView), nextCursor: z.string().nullable() }).meta({ id: 'DeskQuestionList' });

export const listQuestionsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  status: z.enum(DESK_STATUSES).optional(),
  topic: z.enum(DESK_TOPICS).optional(),
  district: z.string().max(40).optional().describe("admins: one district's desk"),
});
export type ListQuestionsQuery = z.infer<typeof listQuestionsQuery>;

export const answerBody = z
  .strictObject({
    answer: z.string().trim().min(1).max(10_000),
    providerIds: z.array(z.uuid()).max(20).default([]),
    programIds: z.array(z.uuid()).max(20).default([]),
  })
  .meta({ id: 'DeskAnswer' });
export type AnswerBody = z.infer<typeof answerBody>;

export const closeBody = z
  .strictObject({ outcome: z.enum(DESK_OUTCOMES).describe('answered, referred (to a provider), odi_filed or odi_approved') })
  .meta({ id: 'DeskClose' });
export type CloseBody = z.infer<typeof closeBody>;

export const deskSummary = z
  .object({
    district: z.string(),
    asked: z.number().int(),
    open: z.number().int().describe('not closed yet'),
    overdue: z.number().int().describe('flagged past due'),
    outcomes: z.object(Object.fromEntries(DESK_OUTCOMES.map((o) => [o, z.number().int()])) as Record<(typeof DESK_OUTCOMES)[number], z.ZodNumber>),
  })
  .meta({ id: 'DeskSummary' });
export type DeskSummary = z.infer<typeof deskSummary>;
export const summaryQuery = z.strictObject({ district: z.string().max(40).optional().describe('admins: which district') });

const isoDate = z.iso.date();
export const yearParam = z.coerce.number().int().min(2000).max(2100);

export const calendarBody = z
  .strictObject({
    holidays: z.array(isoDate).max(100).describe('days off, as the State Council publishes them'),
    workdays: z.array(isoDate).max(30).describe('weekend days worked (调休)'),
    source: z.string().trim().min(1).max(300).describe('the notice the days come from'),
  })
  .meta({ id: 'WorkingCalendarYear' });
export type CalendarBody = z.infer<typeof calendarBody>;
export const calendarView = z
  .object({ year: z.number().int(), holidays: z.array(z.string()), workdays: z.array(z.string()), sources: z.array(z.string()) })
  .meta({ id: 'WorkingCalendar' });
export type CalendarView = z.infer<typeof calendarView>;
