import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { authSessions, organisationMemberships, people } from '../../db/schema/identity.js';

/** Server-side sessions, found by the hash of the cookie's value. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, session: typeof authSessions.$inferInsert): Promise<void> {
    await tx.insert(authSessions).values(session);
  }

  /** The session with its person and its active membership, if that membership is still current. */
  async findWithPerson(idHash: string) {
    const [row] = await this.db
      .select({ session: authSessions, person: people, membership: organisationMemberships })
      .from(authSessions)
      .innerJoin(people, eq(people.id, authSessions.personId))
      .leftJoin(organisationMemberships, and(eq(organisationMemberships.id, authSessions.activeMembershipId), isNull(organisationMemberships.removedAt)))
      .where(eq(authSessions.idHash, idHash));
    return row;
  }

  async touch(idHash: string, at: Date): Promise<void> {
    await this.db.update(authSessions).set({ lastSeenAt: at }).where(eq(authSessions.idHash, idHash));
  }

  /** Ends the session; returns its id token (for the issuer's logout) when it was live. */
  async end(idHash: string, at: Date): Promise<{ idToken: string | null } | undefined> {
    const [row] = await this.db
      .update(authSessions)
      .set({ endedAt: at })
      .where(and(eq(authSessions.idHash, idHash), isNull(authSessions.endedAt)))
      .returning({ idToken: authSessions.idToken });
    return row;
  }

  async setActiveMembership(tx: DbOrTx, idHash: string, membershipId: string): Promise<void> {
    await tx.update(authSessions).set({ activeMembershipId: membershipId }).where(eq(authSessions.idHash, idHash));
  }

  /** Live sessions of the person that act for nobody yet act for this membership from now on. */
  async adoptMembership(tx: DbOrTx, personId: string, membershipId: string): Promise<void> {
    await tx
      .update(authSessions)
      .set({ activeMembershipId: membershipId })
      .where(and(eq(authSessions.personId, personId), isNull(authSessions.activeMembershipId), isNull(authSessions.endedAt)));
  }
}
