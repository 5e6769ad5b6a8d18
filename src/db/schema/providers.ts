import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const providers = pgTable(
  'providers',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    district: text('district').notNull(),
    categories: text('categories').array().notNull(),
    services: text('services').array().notNull(),
    countries: text('countries').array().notNull(),
    overseasOffices: text('overseas_offices')
      .array()
      .notNull()
      .default(sql`'{}'`),
    sectors: text('sectors').array().notNull(),
    languages: text('languages').array().notNull(),
    currency: text('currency').notNull(),
    priceMin: bigint('price_min', { mode: 'number' }).notNull(),
    priceMax: bigint('price_max', { mode: 'number' }).notNull(),
    capacity: integer('capacity').notNull(),
    // Kept by the alliances service in each membership change's transaction (libs/vetting):
    // the latest vettedUntil of the active memberships, the alliances of those memberships, and
    // every alliance applied to. Vetted ⇔ vetted_until > now().
    vettedUntil: timestamp('vetted_until', { withTimezone: true, precision: 3 }),
    allianceIds: uuid('alliance_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    appliedAllianceIds: uuid('applied_alliance_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    // Latin words and overlapping CJK bigrams of name and description (libs/search-text).
    searchVector: tsvector('search_vector').notNull(),
    // A sixteenth of the providers by the id's last hex digit: facet counts over very large result
    // sets are estimated from this sample (as Typesense's facet_sample_threshold does).
    sampleBucket: smallint('sample_bucket').generatedAlwaysAs(sql`get_byte(uuid_send(id), 15) & 15`),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('providers_search_idx').using('gin', t.searchVector),
    index('providers_categories_idx').using('gin', t.categories),
    index('providers_services_idx').using('gin', t.services),
    index('providers_countries_idx').using('gin', t.countries),
    index('providers_sectors_idx').using('gin', t.sectors),
    index('providers_languages_idx').using('gin', t.languages),
    index('providers_alliances_idx').using('gin', t.allianceIds),
    index('providers_district_idx').on(t.district),
    index('providers_sample_bucket_idx').on(t.sampleBucket),
    index('providers_sample_search_idx')
      .using('gin', t.searchVector, t.categories, t.services, t.countries, t.sectors, t.languages)
      .where(sql`${t.sampleBucket} = 0`),
    // Also INCLUDEs vetted_until, the facet arrays and district (migration 0330), which drizzle cannot declare.
    index('providers_list_idx').on(t.createdAt, t.id),
  ],
);

export const credentials = pgTable(
  'provider_credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    type: text('type').notNull(),
    issuer: text('issuer').notNull(),
    number: text('number').notNull(),
    country: text('country').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    expired: boolean('expired').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('provider_credentials_provider_idx').on(t.providerId), index('provider_credentials_expiry_idx').on(t.expiresAt)],
);

/** A provider as the application reads it: not its search vector (kilobytes of bigrams, only searched) nor its sample bucket. */
export type ProviderRow = Omit<typeof providers.$inferSelect, 'searchVector' | 'sampleBucket'>;
export type CredentialRow = typeof credentials.$inferSelect;
