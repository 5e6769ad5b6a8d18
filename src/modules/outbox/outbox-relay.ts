import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { asc, inArray, isNull } from 'drizzle-orm';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { outbox, type OutboxRow } from '../../db/schema/outbox.js';
import { jobTraceOptions } from '../../telemetry/job-trace-context.js';

const BATCH = 200;

/**
 * The job id of an outbox row: its id and its creation time, so a database recreated against the
 * same Redis (whose ids start again at 1) never collides with jobs BullMQ still remembers.
 */
export function outboxJobId(row: { id: number; createdAt: Date }): string {
  return `outbox-${row.id}-${row.createdAt.getTime().toString(36)}`;
}

/** The BullMQ job of an outbox row; the relay and the sweepers enqueue it the same way, under the same id. */
export function outboxJob(row: OutboxRow) {
  // The trace context stored with the row travels as the job's telemetry metadata.
  const { data, telemetry } = jobTraceOptions(row.payload as Record<string, unknown>);
  return { name: row.name, data: { ...data, outboxId: row.id }, opts: { jobId: outboxJobId(row), ...(telemetry ? { telemetry } : {}) } };
}

/** After a failed relay the next try waits twice as long, up to this, so an outage is not hammered. */
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Moves outbox rows to BullMQ. Rows are locked with SKIP LOCKED so concurrent relays take
 * different rows; the job id is derived from the row id, so if a relay dies after enqueueing
 * but before its commit, the next relay's add is a no-op in BullMQ and the job runs once.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failures = 0;

  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays one batch; returns how many rows it moved. */
  async relayBatch(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.select().from(outbox).where(isNull(outbox.relayedAt)).orderBy(asc(outbox.id)).limit(BATCH).for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      for (const queueName of new Set(rows.map((row) => row.queue))) {
        const queued = rows.filter((row) => row.queue === queueName);
        await this.queue(queueName).addBulk(queued.map(outboxJob));
      }
      await tx
        .update(outbox)
        .set({ relayedAt: new Date() })
        .where(
          inArray(
            outbox.id,
            rows.map((row) => row.id),
          ),
        );
      return rows.length;
    });
  }

  queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain().then((ok) => {
        this.failures = ok ? 0 : this.failures + 1;
        const poll = this.config.outboxPollMs;
        this.schedule(ok ? poll : Math.min(poll * 2 ** this.failures, Math.max(MAX_RETRY_DELAY_MS, poll)));
      });
    }, delay);
  }

  private async drain(): Promise<boolean> {
    try {
      while (!this.stopped && (await this.relayBatch()) === BATCH);
      return true;
    } catch (error) {
      // One line per outage step, not one per poll: the delay doubles while it lasts.
      if (this.failures < 8 || this.failures % 10 === 0) this.logger.error({ err: error, failures: this.failures + 1 }, 'outbox relay failed; will retry');
      return false;
    }
  }
}
