import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    uscc: text('uscc').notNull().unique(),
    district: text('district').notNull(),
    sector: text('sector').notNull(),
    sme: boolean('sme').notNull(),
    /** Declared by the enterprise; it joins that group's caps only once an officer confirms it. */
    parentUscc: text('parent_uscc'),
    confirmedParentUscc: text('confirmed_parent_uscc'),
    groupConfirmedAt: timestamp('group_confirmed_at', { withTimezone: true, precision: 3 }),
    groupConfirmedBy: text('group_confirmed_by'),
    /** Whom the provider of an engagement with the enterprise contacts (migration 0210). */
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('enterprises_parent_uscc_idx').on(t.parentUscc), index('enterprises_list_idx').on(t.createdAt, t.id)],
);

export type EnterpriseRow = typeof enterprises.$inferSelect;
