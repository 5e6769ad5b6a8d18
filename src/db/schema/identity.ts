import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The kinds of organisation a person can belong to; each gives its members one product role. */
export const ORGANISATION_TYPES = ['enterprise', 'provider', 'alliance', 'district', 'platform', 'city'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** A person's standing inside an organisation: owners invite and remove colleagues. */
export const MEMBER_ROLES = ['owner', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** A person is an identity from an issuer (`iss` + `sub`). */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    locale: text('locale').notNull().default('zh-CN'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('people_issuer_subject').on(t.issuer, t.subject), index('people_email').on(sql`lower(${t.email})`)],
);

/** Ties a person to one organisation; a removed membership is kept (removed_at) for the audit trail. */
export const organisationMemberships = pgTable(
  'organisation_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    organisationType: text('organisation_type').$type<OrganisationType>().notNull(),
    organisationId: text('organisation_id').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    // 'seaward' when granted here; 'issuer' when mapped from the identity provider's claims at sign-in.
    source: text('source').notNull().default('seaward'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('organisation_memberships_current')
      .on(t.personId, t.organisationType, t.organisationId)
      .where(sql`${t.removedAt} IS NULL`),
    index('organisation_memberships_organisation')
      .on(t.organisationType, t.organisationId)
      .where(sql`${t.removedAt} IS NULL`),
  ],
);

/** Server-side sessions: the browser holds only a random id, stored here as its SHA-256. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    activeMembershipId: uuid('active_membership_id').references(() => organisationMemberships.id),
    // Kept for RP-initiated logout (id_token_hint); null for development sessions.
    idToken: text('id_token'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [index('auth_sessions_person').on(t.personId)],
);

export type PersonRow = typeof people.$inferSelect;
export type OrganisationMembershipRow = typeof organisationMemberships.$inferSelect;
export type AuthSessionRow = typeof authSessions.$inferSelect;

/** An Authorization Code flow under way: its state, PKCE verifier and nonce, for ten minutes at most. */
export const signInAttempts = pgTable('sign_in_attempts', {
  state: text('state').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  returnTo: text('return_to').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** A colleague invited by email: a single-use link (only its hash is kept) that expires. */
export const colleagueInvitations = pgTable(
  'colleague_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    organisationType: text('organisation_type').$type<OrganisationType>().notNull(),
    organisationId: text('organisation_id').notNull(),
    email: text('email').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    invitedBy: text('invited_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, precision: 3 }),
    acceptedBy: uuid('accepted_by').references(() => people.id),
  },
  (t) => [uniqueIndex('colleague_invitations_token').on(t.tokenHash), index('colleague_invitations_organisation').on(t.organisationType, t.organisationId)],
);

export type ColleagueInvitationRow = typeof colleagueInvitations.$inferSelect;
