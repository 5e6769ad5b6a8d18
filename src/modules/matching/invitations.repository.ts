import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { beforeCreatedAt, type CreatedAtKeyset } from '../../db/keyset.js';
import { invitations, type InvitationRow } from '../../db/schema/matching.js';

export interface InboxFilter {
  providerId: string;
  status?: 'open' | 'declined';
  after?: CreatedAtKeyset;
}

/** A provider's invitations: the inbox and its declines (the matching run writes them, see MatchingRepository.invite). */
@Injectable()
export class InvitationsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** The enterprise's own choice; null when the provider is already invited to the request. */
  async inviteChosen(tx: DbOrTx, requestId: string, providerId: string, at: Date): Promise<InvitationRow | null> {
    const [row] = await tx.insert(invitations).values({ requestId, providerId, invitedAt: at, source: 'enterprise' }).onConflictDoNothing().returning();
    return row ?? null;
  }

  async findById(id: string): Promise<InvitationRow | undefined> {
    const [row] = await this.db.select().from(invitations).where(eq(invitations.id, id));
    return row;
  }

  /** Declines an open invitation; null when it was declined already (a concurrent decline lost). */
  async decline(tx: DbOrTx, id: string, reason: string, at: Date): Promise<InvitationRow | null> {
    const [row] = await tx
      .update(invitations)
      .set({ declinedAt: at, declineReason: reason })
      .where(and(eq(invitations.id, id), isNull(invitations.declinedAt)))
      .returning();
    return row ?? null;
  }

  /** Newest first, `limit + 1` rows (one range of invitations_provider_idx). */
  async inbox(filter: InboxFilter, limit: number): Promise<InvitationRow[]> {
    const status = filter.status === 'open' ? isNull(invitations.declinedAt) : filter.status === 'declined' ? isNotNull(invitations.declinedAt) : undefined;
    return this.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.providerId, filter.providerId), status, beforeCreatedAt(invitations.invitedAt, invitations.id, filter.after)))
      .orderBy(desc(invitations.invitedAt), desc(invitations.id))
      .limit(limit + 1);
  }
}
