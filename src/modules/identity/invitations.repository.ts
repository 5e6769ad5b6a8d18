import { Inject, Injectable } from '@nestjs/common';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { colleagueInvitations, type ColleagueInvitationRow } from '../../db/schema/identity.js';

/** Colleagues' invitations, found by the hash of their link's token. */
@Injectable()
export class InvitationsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, invitation: typeof colleagueInvitations.$inferInsert): Promise<ColleagueInvitationRow> {
    const [row] = await tx.insert(colleagueInvitations).values(invitation).returning();
    return row!;
  }

  async findByTokenHash(tokenHash: string): Promise<ColleagueInvitationRow | undefined> {
    const [row] = await this.db.select().from(colleagueInvitations).where(eq(colleagueInvitations.tokenHash, tokenHash));
    return row;
  }

  /** Marks the invitation accepted if it is still open: a second use, or one after expiry, finds nothing. */
  async accept(tx: DbOrTx, id: string, personId: string, at: Date): Promise<ColleagueInvitationRow | undefined> {
    const [row] = await tx
      .update(colleagueInvitations)
      .set({ acceptedAt: at, acceptedBy: personId })
      .where(and(eq(colleagueInvitations.id, id), isNull(colleagueInvitations.acceptedAt), gt(colleagueInvitations.expiresAt, at)))
      .returning();
    return row;
  }
}
