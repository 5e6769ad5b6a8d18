import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Each notification event delivered, keyed by its outbox row: a second delivery shows as attempts > 1. */
export const notificationDeliveries = pgTable('notification_deliveries', {
  outboxId: bigint('outbox_id', { mode: 'number' }).primaryKey(),
  event: text('event').notNull(),
  channel: text('channel').notNull(),
  recipientOrg: text('recipient_org'),
  attempts: integer('attempts').notNull().default(1),
  deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** Where an organisation wants its notifications: a webhook URL and the secret its deliveries are signed with. */
export const notificationEndpoints = pgTable('notification_endpoints', {
  org: text('org').primaryKey(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
