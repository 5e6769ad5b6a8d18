import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Work for the worker, written in the same transaction as the change that causes it. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    queue: text('queue').notNull(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    relayedAt: timestamp('relayed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('outbox_unrelayed_idx')
      .on(t.id)
      .where(sql`${t.relayedAt} is null`),
    // The sweepers find the job of a stuck Stripe event, run or replay by its subject.
    index('outbox_stripe_event_idx')
      .on(sql`(${t.payload}->>'eventId')`)
      .where(sql`${t.queue} = 'webhooks'`),
    index('outbox_run_idx')
      .on(sql`(${t.payload}->>'runId')`)
      .where(sql`${t.queue} = 'reconciliation'`),
    index('outbox_replay_idx')
      .on(sql`(${t.payload}->>'replayId')`)
      .where(sql`${t.queue} = 'quality'`),
  ],
);

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
export type OutboxRow = typeof outbox.$inferSelect;
