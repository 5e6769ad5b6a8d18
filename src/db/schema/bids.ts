import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { providers } from './providers.js';
import { serviceRequests } from './requests.js';

export const BID_STATUSES = ['live', 'withdrawn', 'awarded', 'lost'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

export const bids = pgTable(
  'bids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    currency: text('currency').notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    timelineDays: integer('timeline_days').notNull(),
    proposal: text('proposal').notNull(),
    milestones: jsonb('milestones').notNull(),
    status: text('status').$type<BidStatus>().notNull().default('live'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // One live bid per provider per request, whatever races the API loses.
    uniqueIndex('bids_one_live')
      .on(t.requestId, t.providerId)
      .where(sql`${t.status} = 'live'`),
    index('bids_request_idx').on(t.requestId),
    // The provider's bids, for the provider_stats read model's count of requests bid on (migration 0080).
    index('bids_provider_idx').on(t.providerId, t.requestId),
    // A provider's bids across requests, newest first (GET /v1/bids, migration 0210).
    index('bids_provider_list_idx').on(t.providerId, t.createdAt, t.id),
    check('bids_status', sql`${t.status} in ('live', 'withdrawn', 'awarded', 'lost')`),
    check('bids_price', sql`${t.price} > 0`),
  ],
);

export type BidRow = typeof bids.$inferSelect;
