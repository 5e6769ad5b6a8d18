import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { matchReviews, qualityReplays, type QualityReplayRow } from '../../db/schema/quality.js';

export type NewReview = typeof matchReviews.$inferInsert;
export type NewReplay = typeof qualityReplays.$inferInsert;

/** The quality module's own records: alliances' verdicts on matches, and replay requests. */
@Injectable()
export class QualityRecordsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** One verdict per reviewer organisation and match; a new one replaces it. */
  async saveReview(review: NewReview & { reviewedAt: Date }): Promise<void> {
    await this.db
      .insert(matchReviews)
      .values(review)
      .onConflictDoUpdate({
        target: [matchReviews.requestId, matchReviews.providerId, matchReviews.reviewerOrg],
        set: { verdict: review.verdict, reason: review.reason, reviewerSub: review.reviewerSub, reviewedAt: review.reviewedAt },
      });
  }

  async insertReplay(tx: DbOrTx, replay: NewReplay): Promise<QualityReplayRow> {
    const [row] = await tx.insert(qualityReplays).values(replay).returning();
    return row!;
  }

  async findReplay(id: string): Promise<QualityReplayRow | undefined> {
    const [row] = await this.db.select().from(qualityReplays).where(eq(qualityReplays.id, id));
    return row;
  }

  async completeReplay(id: string, weights: Record<string, number>, result: Record<string, unknown>): Promise<void> {
    await this.db.update(qualityReplays).set({ status: 'completed', weights, result, finishedAt: new Date() }).where(eq(qualityReplays.id, id));
  }

  /** Only a queued replay can fail; one that completed meanwhile keeps its result. */
  async failReplay(id: string, reason: string): Promise<void> {
    await this.db
      .update(qualityReplays)
      .set({ status: 'failed', result: { error: reason.slice(0, 2000) }, finishedAt: new Date() })
      .where(and(eq(qualityReplays.id, id), eq(qualityReplays.status, 'queued')));
  }
}
