import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What a provider handed over when it delivered: a note and the files (attachments of kind `delivery`). */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The engagements module owns engagements; a delivery names its engagement and parties as they were.
    engagementId: uuid('engagement_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    note: text('note').notNull(),
    deliveredBy: text('delivered_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('deliveries_engagement_idx').on(t.engagementId, t.createdAt)],
);

export type DeliveryRow = typeof deliveries.$inferSelect;
