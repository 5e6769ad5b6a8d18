import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { RecordedAward } from '../../../libs/weight-tuning/index.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { matchWeightLearning, matchWeightProposals, type MatchWeightProposalRow } from '../../db/schema/matching.js';

export type NewProposal = typeof matchWeightProposals.$inferInsert;

/** At most this many of an alliance's latest awards are learned from: older ones weigh almost nothing after a few half-lives. */
const MAX_AWARDS = 2000;

/** The learning job's proposals, each alliance's "apply when it holds up" switch, and the awards they are learned from. */
@Injectable()
export class LearnedWeightsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /**
   * The awarded requests of enterprises in the districts: whom each awarded, its stars, the
   * request's invitations and bids (the choice the enterprise made) and every candidate the engine
   * stored for it, with factor values. Requests without a stored ranking teach nothing and are left out.
   */
  async awardsIn(districts: readonly string[], tx: DbOrTx = this.db): Promise<RecordedAward[]> {
    const rows = await tx.execute<{
      request_id: string;
      published_at: string;
      awarded: string;
      rating: number | null;
      considered: string[];
      ranked: { providerId: string; factors: { name: string; value: number }[] }[];
    }>(sql`
      select r.id as request_id, r.published_at, e.provider_id as awarded, e.rating,
             array(select provider_id from invitations i where i.request_id = r.id
                   union select provider_id from bids b where b.request_id = r.id) as considered,
             (select jsonb_agg(jsonb_build_object('providerId', m.provider_id, 'factors', m.factors)) from match_results m where m.request_id = r.id) as ranked
      from service_requests r
      join enterprises en on en.id = r.enterprise_id
      join engagements e on e.request_id = r.id
      where en.district = any(${sql.param([...districts])}::text[]) and r.published_at is not null
        and exists (select 1 from match_results m where m.request_id = r.id)
      order by r.published_at desc
      limit ${MAX_AWARDS}`);
    return rows.map((row) => {
      const ranked = row.ranked.map((c) => ({ providerId: c.providerId, factors: Object.fromEntries(c.factors.map((f) => [f.name, f.value])) }));
      const considered = new Set([...row.considered, row.awarded]);
      return {
        requestId: row.request_id,
        at: new Date(row.published_at).getTime(),
        awardedId: row.awarded,
        rating: row.rating,
        candidates: ranked.filter((c) => considered.has(c.providerId)).map((c) => ({ id: c.providerId, factors: c.factors })),
        ranked,
      };
    });
  }

  async latest(allianceId: string, tx: DbOrTx = this.db): Promise<MatchWeightProposalRow | undefined> {
    const [row] = await tx
      .select()
      .from(matchWeightProposals)
      .where(eq(matchWeightProposals.allianceId, allianceId))
      .orderBy(desc(matchWeightProposals.createdAt), desc(matchWeightProposals.id))
      .limit(1);
    return row;
  }

  async list(allianceId: string, limit: number): Promise<MatchWeightProposalRow[]> {
    return this.db
      .select()
      .from(matchWeightProposals)
      .where(eq(matchWeightProposals.allianceId, allianceId))
      .orderBy(desc(matchWeightProposals.createdAt), desc(matchWeightProposals.id))
      .limit(limit);
  }

  /** A new proposal supersedes the alliance's open ones. */
  async insert(tx: DbOrTx, row: NewProposal): Promise<MatchWeightProposalRow> {
    if (row.status === 'proposed') {
      await tx
        .update(matchWeightProposals)
        .set({ status: 'superseded' })
        .where(and(eq(matchWeightProposals.allianceId, row.allianceId), eq(matchWeightProposals.status, 'proposed')));
    }
    const [inserted] = await tx.insert(matchWeightProposals).values(row).returning();
    return inserted!;
  }

  async lock(tx: DbOrTx, allianceId: string, id: string): Promise<MatchWeightProposalRow | undefined> {
    const [row] = await tx
      .select()
      .from(matchWeightProposals)
      .where(and(eq(matchWeightProposals.id, id), eq(matchWeightProposals.allianceId, allianceId)))
      .for('update');
    return row;
  }

  /** The alliance's applied proposal, the one a rollback undoes, locked. */
  async lockApplied(tx: DbOrTx, allianceId: string): Promise<MatchWeightProposalRow | undefined> {
    const [row] = await tx
      .select()
      .from(matchWeightProposals)
      .where(and(eq(matchWeightProposals.allianceId, allianceId), eq(matchWeightProposals.status, 'applied')))
      .orderBy(desc(matchWeightProposals.appliedAt))
      .limit(1)
      .for('update');
    return row;
  }

  async update(tx: DbOrTx, id: string, set: Partial<NewProposal>): Promise<MatchWeightProposalRow> {
    const [row] = await tx.update(matchWeightProposals).set(set).where(eq(matchWeightProposals.id, id)).returning();
    return row!;
  }

  async autoApply(allianceId: string, tx: DbOrTx = this.db): Promise<boolean> {
    const [row] = await tx.select({ autoApply: matchWeightLearning.autoApply }).from(matchWeightLearning).where(eq(matchWeightLearning.allianceId, allianceId));
    return row?.autoApply ?? false;
  }

  async setAutoApply(tx: DbOrTx, allianceId: string, autoApply: boolean): Promise<void> {
    await tx
      .insert(matchWeightLearning)
      .values({ allianceId, autoApply })
      .onConflictDoUpdate({ target: matchWeightLearning.allianceId, set: { autoApply, updatedAt: new Date() } });
  }
}
