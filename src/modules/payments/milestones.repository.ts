import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { EscrowMove } from '../../../libs/escrow/index.js';
import type { MilestoneSummary } from '../engagements/engagements.schemas.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { engagementMilestones, escrowMoves, milestoneDisputes, type MilestoneDisputeRow, type MilestoneRow } from '../../db/schema/payments.js';

/** Milestones, their escrow moves and their disputes. */
@Injectable()
export class MilestonesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insertMany(tx: DbOrTx, rows: (typeof engagementMilestones.$inferInsert)[]): Promise<void> {
    await tx.insert(engagementMilestones).values(rows);
  }

  /** Per engagement of the page, in one read: what waits for the enterprise. */
  async summariesOf(engagementIds: string[]): Promise<Map<string, MilestoneSummary>> {
    if (engagementIds.length === 0) return new Map();
    const m = engagementMilestones;
    const rows = await this.db
      .select({
        engagementId: m.engagementId,
        count: sql<number>`count(*)::int`,
        toFund: sql<number>`(count(*) filter (where ${m.status} = 'pending'))::int`,
        toApprove: sql<number>`(count(*) filter (where ${m.status} = 'delivered'))::int`,
        inDispute: sql<number>`(count(*) filter (where ${m.status} = 'disputed'))::int`,
      })
      .from(m)
      .where(inArray(m.engagementId, engagementIds))
      .groupBy(m.engagementId);
    return new Map(rows.map(({ engagementId, ...summary }) => [engagementId, summary]));
  }

  async ofEngagement(engagementId: string, tx: DbOrTx = this.db): Promise<MilestoneRow[]> {
    return tx.select().from(engagementMilestones).where(eq(engagementMilestones.engagementId, engagementId)).orderBy(asc(engagementMilestones.n));
  }

  async lock(tx: DbOrTx, engagementId: string, n: number): Promise<MilestoneRow | undefined> {
    const [row] = await tx
      .select()
      .from(engagementMilestones)
      .where(and(eq(engagementMilestones.engagementId, engagementId), eq(engagementMilestones.n, n)))
      .for('update');
    return row;
  }

  async lockById(tx: DbOrTx, id: string): Promise<MilestoneRow | undefined> {
    const [row] = await tx.select().from(engagementMilestones).where(eq(engagementMilestones.id, id)).for('update');
    return row;
  }

  async lockByIntent(tx: DbOrTx, paymentIntentId: string): Promise<MilestoneRow | undefined> {
    const [row] = await tx.select().from(engagementMilestones).where(eq(engagementMilestones.stripePaymentIntentId, paymentIntentId)).for('update');
    return row;
  }

  async update(tx: DbOrTx, id: string, changes: Partial<typeof engagementMilestones.$inferInsert>): Promise<MilestoneRow> {
    const [row] = await tx
      .update(engagementMilestones)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(engagementMilestones.id, id))
      .returning();
    return row!;
  }

  /** Delivered milestones whose silence has run out (or whose reminder is due), oldest first. */
  async due(tx: DbOrTx, column: 'release' | 'remind', before: Date, limit: number): Promise<MilestoneRow[]> {
    const when =
      column === 'release'
        ? lte(engagementMilestones.autoReleaseAt, before)
        : and(lte(engagementMilestones.autoReleaseAt, before), isNull(engagementMilestones.reminderSentAt));
    return tx
      .select()
      .from(engagementMilestones)
      .where(and(eq(engagementMilestones.status, 'delivered'), when))
      .orderBy(asc(engagementMilestones.autoReleaseAt))
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  /** Records an escrow move once by its key; false when the key was used before. */
  async move(tx: DbOrTx, milestone: MilestoneRow, move: EscrowMove, key: string): Promise<boolean> {
    if (move.amount === 0) return true;
    const rows = await tx
      .insert(escrowMoves)
      .values({
        engagementId: milestone.engagementId,
        milestoneN: milestone.n,
        fromAccount: move.from,
        toAccount: move.to,
        amount: move.amount,
        currency: milestone.currency,
        idempotencyKey: key,
      })
      .onConflictDoNothing({ target: escrowMoves.idempotencyKey })
      .returning({ id: escrowMoves.id });
    return rows.length > 0;
  }

  async movesOf(engagementId: string): Promise<EscrowMove[]> {
    const rows = await this.db.select().from(escrowMoves).where(eq(escrowMoves.engagementId, engagementId));
    return rows.map((r) => ({ from: r.fromAccount as EscrowMove['from'], to: r.toAccount as EscrowMove['to'], amount: r.amount }));
  }

  /** The engagement's escrow moves in order, with when each happened (for receipts). */
  async movesInOrder(engagementId: string) {
    return this.db.select().from(escrowMoves).where(eq(escrowMoves.engagementId, engagementId)).orderBy(asc(escrowMoves.id));
  }

  async insertDispute(tx: DbOrTx, row: typeof milestoneDisputes.$inferInsert): Promise<MilestoneDisputeRow> {
    const [created] = await tx.insert(milestoneDisputes).values(row).returning();
    return created!;
  }

  async disputeById(id: string): Promise<MilestoneDisputeRow | undefined> {
    const [row] = await this.db.select().from(milestoneDisputes).where(eq(milestoneDisputes.id, id));
    return row;
  }

  async lockDispute(tx: DbOrTx, engagementId: string, n: number): Promise<MilestoneDisputeRow | undefined> {
    const [row] = await tx
      .select()
      .from(milestoneDisputes)
      .where(and(eq(milestoneDisputes.engagementId, engagementId), eq(milestoneDisputes.milestoneN, n)))
      .for('update');
    return row;
  }

  async disputesOf(engagementId: string, tx: DbOrTx = this.db): Promise<MilestoneDisputeRow[]> {
    return tx.select().from(milestoneDisputes).where(eq(milestoneDisputes.engagementId, engagementId));
  }

  async updateDispute(tx: DbOrTx, id: string, changes: Partial<typeof milestoneDisputes.$inferInsert>): Promise<MilestoneDisputeRow> {
    const [row] = await tx.update(milestoneDisputes).set(changes).where(eq(milestoneDisputes.id, id)).returning();
    return row!;
  }
}
