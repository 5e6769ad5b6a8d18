import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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

export type OutboxRow = typeof outbox.$inferSelect;
