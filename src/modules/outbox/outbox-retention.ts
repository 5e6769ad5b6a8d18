import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type postgres from 'postgres';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { SQL } from '../../db/db.module.js';

const BATCH = 5000;
const SWEEP_EVERY_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Deletes outbox rows relayed more than OUTBOX_RETENTION_DAYS ago (0 keeps them forever), in
 * batches, oldest first along the primary key, once an hour. A relayed row has done its work:
 * BullMQ holds the job (and its id) for the de-duplication window, which is shorter.
 */
@Injectable()
export class OutboxRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRetention.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(SQL) private readonly sql: postgres.Sql,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.outboxRetentionDays === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: unknown) => this.logger.error({ err: error }, 'outbox retention failed; will retry'))
        .finally(() => (this.running = undefined));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes what is due; returns how many rows went. */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.outboxRetentionDays * DAY_MS).toISOString();
    let deleted = 0;
    for (;;) {
      const rows = await this.sql`
        delete from outbox where id in (
          select id from outbox where relayed_at < ${cutoff}::timestamptz order by id limit ${BATCH})
        returning id`;
      deleted += rows.length;
      if (rows.length < BATCH) break;
    }
    if (deleted > 0) this.logger.log(`outbox retention: ${deleted} relayed rows older than ${this.config.outboxRetentionDays} days deleted`);
    return deleted;
  }
}
