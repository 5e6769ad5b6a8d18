import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per sweep the worker ran: what it looked at, what it sent again, what it left for a person. */
export const sweeps = pgTable(
  'sweeps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sweep: text('sweep').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    examined: integer('examined').notNull(),
    requeued: integer('requeued').notNull(),
    report: jsonb('report').notNull(),
  },
  (t) => [index('sweeps_sweep_idx').on(t.sweep, t.startedAt)],
);

export type SweepRow = typeof sweeps.$inferSelect;
