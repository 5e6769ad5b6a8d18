import { check, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { providers } from './providers.js';

export const alliances = pgTable('alliances', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  districts: text('districts').array().notNull(),
  // Factor weights overriding the platform's for requests from its districts (libs/scoring).
  matchWeights: jsonb('match_weights'),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

export const MEMBERSHIP_STATUSES = ['pending', 'active', 'suspended', 'lapsed'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const memberships = pgTable(
  'alliance_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliances.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    status: text('status').$type<MembershipStatus>().notNull(),
    vettedUntil: timestamp('vetted_until', { withTimezone: true, precision: 3 }),
    suspendedReason: text('suspended_reason'),
    /** The provider's district and categories when a manager last approved it: what subsidy eligibility reads. */
    vettedDistrict: text('vetted_district'),
    vettedCategories: text('vetted_categories').array(),
    appliedAt: timestamp('applied_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('alliance_memberships_once').on(t.allianceId, t.providerId),
    index('alliance_memberships_provider_idx').on(t.providerId),
    index('alliance_memberships_expiry_idx')
      .on(t.vettedUntil)
      .where(sql`${t.status} = 'active'`),
    check('alliance_memberships_status', sql`${t.status} in ('pending', 'active', 'suspended', 'lapsed')`),
    check('alliance_memberships_active_has_term', sql`${t.status} <> 'active' or ${t.vettedUntil} is not null`),
  ],
);

export type AllianceRow = typeof alliances.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
