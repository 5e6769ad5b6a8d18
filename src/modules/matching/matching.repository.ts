import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
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

  /** Invitations each provider received since `since`, and the latest one (ids as one array parameter: cheaper to plan than a list). */
  async invitationHistory(tx: DbOrTx, providerIds: string[], since: Date): Promise<Map<string, InvitationHistory>> {
    if (providerIds.length === 0) return new Map();
    const rows = await tx.execute<{ provider_id: string; recent: number; last: string }>(sql`
      select provider_id, count(*)::int as recent, max(invited_at) as last from invitations
      where provider_id = any(${sql.param(providerIds)}::uuid[]) and invited_at > ${since.toISOString()}::timestamptz
      group by provider_id`);
    return new Map(rows.map((row) => [row.provider_id, { recent: row.recent, lastInvitedAt: new Date(row.last) }]));
  }

  /** Replaces a request's stored ranking (matching can be re-run): the rows travel as one JSON parameter. */
  async replaceResults(tx: DbOrTx, requestId: string, rows: NewMatchResult[]): Promise<void> {
    await tx.delete(matchResults).where(eq(matchResults.requestId, requestId));
    if (rows.length === 0) return;
    await tx.execute(sql`
      insert into match_results (request_id, provider_id, rank, score, factors, reasons, invited)
      select ${requestId}::uuid, r.provider_id, r.rank, r.score, r.factors, r.reasons, r.invited
      from jsonb_to_recordset(${JSON.stringify(rows.map(({ providerId, rank, score, factors, reasons, invited }) => ({ provider_id: providerId, rank, score, factors, reasons, invited })))}::jsonb)
        as r(provider_id uuid, rank int, score float8, factors jsonb, reasons jsonb, invited boolean)`);
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

  async invitedProviders(requestId: string, tx: DbOrTx = this.db): Promise<string[]> {
    const rows = await tx.select({ providerId: invitations.providerId }).from(invitations).where(eq(invitations.requestId, requestId));
    return rows.map((r) => r.providerId);
  }
}
