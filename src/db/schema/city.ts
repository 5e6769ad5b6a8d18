import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { enterprises } from './enterprises.js';
import { programs, vouchers } from './subsidies.js';

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** An enterprise's application for a voucher; approval issues it through the programme's issue path. */
export const voucherApplications = pgTable(
  'voucher_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    district: text('district').notNull(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    need: text('need').notNull(),
    country: text('country').notNull(),
    service: text('service').notNull(),
    currency: text('currency').notNull(),
    estimatedPrice: bigint('estimated_price', { mode: 'number' }).notNull(),
    status: text('status').$type<ApplicationStatus>().notNull().default('pending'),
    voucherId: uuid('voucher_id').references(() => vouchers.id),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    slaFlaggedAt: timestamp('sla_flagged_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('voucher_applications_one_voucher').on(t.voucherId),
    index('voucher_applications_district_idx').on(t.district, t.createdAt, t.id),
    index('voucher_applications_enterprise_idx').on(t.enterpriseId, t.createdAt, t.id),
    index('voucher_applications_sla_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending' AND ${t.slaFlaggedAt} IS NULL`),
    check('voucher_applications_status', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check('voucher_applications_price', sql`${t.estimatedPrice} > 0`),
    check('voucher_applications_decided', sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
    check('voucher_applications_voucher', sql`(${t.status} = 'approved') = (${t.voucherId} is not null)`),
  ],
);

/** One district's figures for one closed month (YYYY-MM, Asia/Shanghai): written once, never changed. */
export const cityReportMonths = pgTable(
  'city_report_months',
  {
    district: text('district').notNull(),
    month: text('month').notNull(),
    city: text('city').notNull(),
    figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.district, t.month] }),
    index('city_report_months_city_idx').on(t.city, t.month),
    check('city_report_months_month', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

export type VoucherApplicationRow = typeof voucherApplications.$inferSelect;
export type CityReportMonthRow = typeof cityReportMonths.$inferSelect;
