import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** A country's brief (国别指南), kept in versions: a new one never replaces the old (migration 0211). */
export const countryBriefs = pgTable(
  'country_briefs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    country: text('country').notNull(),
    version: integer('version').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true, precision: 3 }).notNull(),
    publisherRole: text('publisher_role').notNull(),
    publisherOrg: text('publisher_org').notNull(),
    publishedBy: text('published_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('country_briefs_country_version').on(t.country, t.version)],
);

/** An officer's risk alert (风险提示) for some countries, active between its validity bounds. */
export const riskAlerts = pgTable(
  'risk_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    countries: text('countries').array().notNull(),
    level: smallint('level').notNull(),
    categories: text('categories').array().notNull().default([]),
    sectors: text('sectors').array().notNull().default([]),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true, precision: 3 }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true, precision: 3 }).notNull(),
    publisherOrg: text('publisher_org').notNull(),
    publishedBy: text('published_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('risk_alerts_countries_idx').using('gin', t.countries),
    check('risk_alerts_level', sql`${t.level} between 1 and 4`),
    check('risk_alerts_validity', sql`${t.validTo} > ${t.validFrom}`),
  ],
);

/** Each enterprise told of an alert: the key makes "once per enterprise per alert" hold under any retry. */
export const riskAlertNotices = pgTable(
  'risk_alert_notices',
  {
    alertId: uuid('alert_id')
      .notNull()
      .references(() => riskAlerts.id),
    enterpriseId: uuid('enterprise_id').notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'risk_alert_notices_pk', columns: [t.alertId, t.enterpriseId] })],
);

export type CountryBriefRow = typeof countryBriefs.$inferSelect;
export type RiskAlertRow = typeof riskAlerts.$inferSelect;
