import { integer, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What each run of the expiry job did, for operators and auditors. */
export const expiryRuns = pgTable('expiry_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  ranAt: timestamp('ran_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  membershipsLapsed: integer('memberships_lapsed').notNull(),
  credentialsExpired: integer('credentials_expired').notNull(),
  details: jsonb('details').notNull().default({}),
});
