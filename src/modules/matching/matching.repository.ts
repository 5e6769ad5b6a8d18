import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, eq, gt, inArray, max } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { invitations, matchResults, type MatchResultRow } from '../../db/schema/matching.js';

export type NewMatchResult = typeof matchResults.$inferInsert;
export interface InvitationHistory {
  recent: number;
  lastInvitedAt: Date | null;
}

@Injectable()
export class MatchingRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Invitations each provider received since `since`, and the latest one. */
  async invitationHistory(tx: DbOrTx, providerIds: string[], since: Date): Promise<Map<string, InvitationHistory>> {
    if (providerIds.length === 0) return new Map();
    const rows = await tx
      .select({ providerId: invitations.providerId, recent: count(), last: max(invitations.invitedAt) })
      .from(invitations)
      .where(and(inArray(invitations.providerId, providerIds), gt(invitations.invitedAt, since)))
      .groupBy(invitations.providerId);
    return new Map(rows.map((row) => [row.providerId, { recent: row.recent, lastInvitedAt: row.last }]));
  }

  /** Replaces a request's stored ranking (matching can be re-run). */
  async replaceResults(tx: DbOrTx, requestId: string, rows: NewMatchResult[]): Promise<void> {
    await tx.delete(matchResults).where(eq(matchResults.requestId, requestId));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(matchResults).values(rows.slice(i, i + 500));
  }

  /** Records invitations; one already made stays as it was (its time counts for fair exposure). */
  async invite(tx: DbOrTx, requestId: string, providerIds: string[], at: Date): Promise<string[]> {
    if (providerIds.length === 0) return [];
    const rows = await tx
      .insert(invitations)
      .values(providerIds.map((providerId) => ({ requestId, providerId, invitedAt: at })))
      .onConflictDoNothing()
      .returning({ providerId: invitations.providerId });
    return rows.map((row) => row.providerId);
  }

  async isInvited(requestId: string, providerId: string, tx: DbOrTx = this.db): Promise<boolean> {
    const [row] = await tx
      .select({ providerId: invitations.providerId })
      .from(invitations)
      .where(and(eq(invitations.requestId, requestId), eq(invitations.providerId, providerId)));
    return row !== undefined;
  }

  async results(requestId: string, limit: number): Promise<MatchResultRow[]> {
    return this.db.select().from(matchResults).where(eq(matchResults.requestId, requestId)).orderBy(asc(matchResults.rank)).limit(limit);
  }
}
