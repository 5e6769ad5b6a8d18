import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const DESK_TOPICS = ['odi_filing', 'tax', 'legal', 'vouchers', 'other'] as const;
export const DESK_STATUSES = ['open', 'taken', 'answered', 'closed'] as const;
export const DESK_OUTCOMES = ['answered', 'referred', 'odi_filed', 'odi_approved'] as const;
export type DeskTopic = (typeof DESK_TOPICS)[number];
export type DeskStatus = (typeof DESK_STATUSES)[number];
export type DeskOutcome = (typeof DESK_OUTCOMES)[number];

/** An enterprise's question to its district's desk (企业诉求快速响应), with its working-day deadline (migration 0211). */
export const deskQuestions = pgTable(
  'desk_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id').notNull(),
    district: text('district').notNull(),
    topic: text('topic').$type<DeskTopic>().notNull(),
    text: text('text').notNull(),
    status: text('status').$type<DeskStatus>().notNull().default('open'),
    askedAt: timestamp('asked_at', { withTimezone: true, precision: 3 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    takenBy: text('taken_by'),
    takenAt: timestamp('taken_at', { withTimezone: true, precision: 3 }),
    answer: text('answer'),
    providerIds: uuid('provider_ids').array().notNull().default([]),
    programIds: uuid('program_ids').array().notNull().default([]),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }),
    outcome: text('outcome').$type<DeskOutcome>(),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    overdueFlaggedAt: timestamp('overdue_flagged_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('desk_questions_enterprise_idx').on(t.enterpriseId, t.askedAt, t.id),
    index('desk_questions_district_idx').on(t.district, t.askedAt, t.id),
    index('desk_questions_unflagged_idx')
      .on(t.dueAt)
      .where(sql`${t.overdueFlaggedAt} is null and ${t.status} <> 'closed'`),
    check('desk_questions_topic', sql`${t.topic} in ('odi_filing', 'tax', 'legal', 'vouchers', 'other')`),
    check('desk_questions_status', sql`${t.status} in ('open', 'taken', 'answered', 'closed')`),
    check(
      'desk_questions_outcome',
      sql`(${t.status} = 'closed') = (${t.outcome} is not null) and (${t.outcome} is null or ${t.outcome} in ('answered', 'referred', 'odi_filed', 'odi_approved'))`,
    ),
  ],
);

/** The mainland calendar's exceptions to Monday–Friday: holidays and adjusted working weekend days. */
export const deskCalendarDays = pgTable(
  'desk_calendar_days',
  {
    day: date('day', { mode: 'string' }).primaryKey(),
    kind: text('kind').$type<'holiday' | 'workday'>().notNull(),
    source: text('source').notNull(),
  },
  (t) => [check('desk_calendar_days_kind', sql`${t.kind} in ('holiday', 'workday')`)],
);

export type DeskQuestionRow = typeof deskQuestions.$inferSelect;
