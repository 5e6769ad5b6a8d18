import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, isNull, notInArray, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import {
  organisationMemberships,
  people,
  type MemberRole,
  type OrganisationMembershipRow,
  type OrganisationType,
  type PersonRow,
} from '../../db/schema/identity.js';

export interface PersonClaims {
  issuer: string;
  subject: string;
  name: string;
  email: string | null;
  locale: string | null;
}

/** People and their memberships. */
@Injectable()
export class PeopleRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Creates the person at first sign-in; later sign-ins refresh name, email and locale from the issuer. */
  async upsert(tx: DbOrTx, claims: PersonClaims): Promise<PersonRow> {
    const [row] = await tx
      .insert(people)
      .values({ ...claims, locale: claims.locale ?? 'zh-CN' })
      .onConflictDoUpdate({
        target: [people.issuer, people.subject],
        set: {
          name: claims.name,
          email: sql`coalesce(${claims.email}::text, ${people.email})`,
          locale: sql`coalesce(${claims.locale}::text, ${people.locale})`,
          updatedAt: new Date(),
        },
      })
      .returning();
    return row!;
  }

  async findById(id: string, tx: DbOrTx = this.db): Promise<PersonRow | undefined> {
    const [row] = await tx.select().from(people).where(eq(people.id, id));
    return row;
  }

  async currentMemberships(personId: string, tx: DbOrTx = this.db): Promise<OrganisationMembershipRow[]> {
    return tx
      .select()
      .from(organisationMemberships)
      .where(and(eq(organisationMemberships.personId, personId), isNull(organisationMemberships.removedAt)))
      .orderBy(asc(organisationMemberships.createdAt), asc(organisationMemberships.id));
  }

  async currentMembership(id: string, tx: DbOrTx = this.db): Promise<OrganisationMembershipRow | undefined> {
    const [row] = await tx
      .select()
      .from(organisationMemberships)
      .where(and(eq(organisationMemberships.id, id), isNull(organisationMemberships.removedAt)));
    return row;
  }

  /** The person's current membership of the organisation, created when missing. */
  async ensureMembership(
    tx: DbOrTx,
    membership: { personId: string; organisationType: OrganisationType; organisationId: string; role: MemberRole; source?: string },
  ): Promise<{ row: OrganisationMembershipRow; created: boolean }> {
    const [created] = await tx.insert(organisationMemberships).values(membership).onConflictDoNothing().returning();
    if (created) return { row: created, created: true };
    const [existing] = await tx
      .select()
      .from(organisationMemberships)
      .where(
        and(
          eq(organisationMemberships.personId, membership.personId),
          eq(organisationMemberships.organisationType, membership.organisationType),
          eq(organisationMemberships.organisationId, membership.organisationId),
          isNull(organisationMemberships.removedAt),
        ),
      );
    return { row: existing!, created: false };
  }

  /** Ends the person's memberships that came from the issuer's groups and no longer do. */
  async removeIssuerMembershipsExcept(tx: DbOrTx, personId: string, keepIds: string[], at: Date): Promise<OrganisationMembershipRow[]> {
    return tx
      .update(organisationMemberships)
      .set({ removedAt: at })
      .where(
        and(
          eq(organisationMemberships.personId, personId),
          eq(organisationMemberships.source, 'issuer'),
          isNull(organisationMemberships.removedAt),
          keepIds.length ? notInArray(organisationMemberships.id, keepIds) : undefined,
        ),
      )
      .returning();
  }
}
