import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Every notification, once per person of the notified organisation: the in-app inbox. */
export const inboxItems = pgTable(
  'inbox_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    event: text('event').notNull(),
    recipientOrg: text('recipient_org'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [uniqueIndex('inbox_items_person_outbox').on(t.personId, t.outboxId), index('inbox_items_person_created').on(t.personId, t.createdAt)],
);

/** Which events a person wants by email; without a row, every event. */
export const notificationPreferences = pgTable('notification_preferences', {
  personId: uuid('person_id').primaryKey(),
  email: boolean('email').notNull().default(true),
  mutedEvents: text('muted_events').array().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** Each email sent, by its key: a repeated job finds it and sends nothing. */
export const mailDeliveries = pgTable('mail_deliveries', {
  key: text('key').primaryKey(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  attempts: integer('attempts').notNull().default(1),
  sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export type InboxItemRow = typeof inboxItems.$inferSelect;
