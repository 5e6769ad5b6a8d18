import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, eq, inArray, isNull, lt, min, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { outbox, qualityReplays, reconciliationRuns, stripeEvents, sweeps, type OutboxRow } from '../../db/schema/index.js';

/** A unit of work that should be done by now, with the outbox row its job came from (if any). */
export interface StuckWork {
  subject: string;
  row: OutboxRow | null;
}

const LIMIT = 500;

/** The SQL of the sweepers: work that should be finished, and the outbox rows behind it. */
@Injectable()
export class SweepsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async unappliedStripeEvents(before: Date): Promise<StuckWork[]> {
    return this.db
      .select({ subject: stripeEvents.id, row: outbox })
      .from(stripeEvents)
      .leftJoin(outbox, and(eq(outbox.queue, 'webhooks'), sql`${outbox.payload}->>'eventId' = ${stripeEvents.id}`))
      .where(and(isNull(stripeEvents.appliedAt), lt(stripeEvents.receivedAt, before)))
      .orderBy(asc(stripeEvents.receivedAt))
      .limit(LIMIT);
  }

  async activeRuns(before: Date): Promise<StuckWork[]> {
    return this.db
      .select({ subject: reconciliationRuns.id, row: outbox })
      .from(reconciliationRuns)
      .leftJoin(outbox, and(eq(outbox.queue, 'reconciliation'), sql`${outbox.payload}->>'runId' = ${reconciliationRuns.id}::text`))
      .where(and(inArray(reconciliationRuns.status, ['queued', 'running']), lt(reconciliationRuns.createdAt, before)))
      .orderBy(asc(reconciliationRuns.createdAt))
      .limit(LIMIT);
  }

  async queuedReplays(before: Date): Promise<StuckWork[]> {
    return this.db
      .select({ subject: qualityReplays.id, row: outbox })
      .from(qualityReplays)
      .leftJoin(outbox, and(eq(outbox.queue, 'quality'), sql`${outbox.payload}->>'replayId' = ${qualityReplays.id}::text`))
      .where(and(eq(qualityReplays.status, 'queued'), lt(qualityReplays.createdAt, before)))
      .orderBy(asc(qualityReplays.createdAt))
      .limit(LIMIT);
  }

  /** Outbox rows the relay has not moved since `before`: how many, the oldest, and the first few. */
  async unrelayed(before: Date): Promise<{ count: number; oldest: Date | null; sample: Pick<OutboxRow, 'id' | 'queue' | 'name'>[] }> {
    const stale = and(isNull(outbox.relayedAt), lt(outbox.createdAt, before));
    const [totals] = await this.db
      .select({ count: count(), oldest: min(outbox.createdAt) })
      .from(outbox)
      .where(stale);
    const sample = await this.db.select({ id: outbox.id, queue: outbox.queue, name: outbox.name }).from(outbox).where(stale).orderBy(asc(outbox.id)).limit(20);
    return { count: totals?.count ?? 0, oldest: totals?.oldest ?? null, sample };
  }

  async record(entry: { sweep: string; startedAt: Date; examined: number; requeued: number; report: Record<string, unknown> }): Promise<number> {
    const [row] = await this.db.insert(sweeps).values(entry).returning({ id: sweeps.id });
    return row!.id;
  }

  /** Sweep records are kept two weeks. */
  async prune(before: Date): Promise<void> {
    await this.db.delete(sweeps).where(lt(sweeps.startedAt, before));
  }
}
