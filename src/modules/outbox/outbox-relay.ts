import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { asc, inArray, isNull } from 'drizzle-orm';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { outbox } from '../../db/schema/index.js';
import { jobTraceOptions } from '../../telemetry/job-trace-context.js';

const BATCH = 200;

/**
 * The job id of an outbox row: its id and its creation time, so a database recreated against the
 * same Redis (whose ids start again at 1) never collides with jobs BullMQ still remembers.
 */
export function outboxJobId(row: { id: number; createdAt: Date }): string {
  return `outbox-${row.id}-${row.createdAt.getTime().toString(36)}`;
}

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
      const rows = await tx
        .select()
        .from(outbox)
        .where(isNull(outbox.relayedAt))
        .orderBy(asc(outbox.id))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      for (const queueName of new Set(rows.map((row) => row.queue))) {
        const queued = rows.filter((row) => row.queue === queueName);
        await this.queue(queueName).addBulk(
          queued.map((row) => {
            const { data, telemetry } = jobTraceOptions(row.payload as Record<string, unknown>);
            return { name: row.name, data: { ...data, outboxId: row.id }, opts: { jobId: outboxJobId(row), ...(telemetry ? { telemetry } : {}) } };
          }),
        );
      }
      await tx.update(outbox).set({ relayedAt: new Date() }).where(inArray(outbox.id, rows.map((row) => row.id)));
      return rows.length;
    });
  }

  private queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain().finally(() => this.schedule(this.config.outboxPollMs));
    }, delay);
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.relayBatch()) === BATCH);
    } catch (error) {
      this.logger.error({ err: error }, 'outbox relay failed; will retry');
    }
  }
}
