import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A question an invited provider asked about a request, and the enterprise's answer (private, or public: an addendum). */
export const requestQuestions = pgTable(
  'request_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    text: text('text').notNull(),
    answer: text('answer'),
    answerPublic: boolean('answer_public'),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('request_questions_request_idx').on(t.requestId, t.createdAt),
    check('request_questions_answer', sql`(${t.answer} is null) = (${t.answerPublic} is null) and (${t.answer} is null) = (${t.answeredAt} is null)`),
  ],
);

/** The conversation of an engagement: its parties, and the mediator while a dispute is open. */
export const engagementMessages = pgTable(
  'engagement_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    engagementId: uuid('engagement_id').notNull(),
    authorRole: text('author_role').notNull(),
    authorOrg: text('author_org').notNull(),
    authorSub: text('author_sub').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('engagement_messages_engagement_idx').on(t.engagementId, t.createdAt, t.id)],
);

/** How far each reader (a person, else a token's subject) has read an engagement's conversation. */
export const engagementMessageReads = pgTable(
  'engagement_message_reads',
  {
    engagementId: uuid('engagement_id').notNull(),
    reader: text('reader').notNull(),
    readUntil: timestamp('read_until', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.engagementId, t.reader] })],
);

export type RequestQuestionRow = typeof requestQuestions.$inferSelect;
export type EngagementMessageRow = typeof engagementMessages.$inferSelect;
