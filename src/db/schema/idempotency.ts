import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Idempotency-Key results that could not be stored in Redis after the request had run (Redis
 * failed between the commit and the store). A retry finds the result here instead of running
 * the request a second time. Normally empty: Redis holds the replays.
 */
export const idempotencyResults = pgTable(
  'idempotency_results',
  {
    owner: text('owner').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status').notNull(),
    body: jsonb('body'),
    problem: boolean('problem').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.key] })],
);
