import { Inject, Injectable } from '@nestjs/common';
import type postgres from 'postgres';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { SQL } from '../../db/db.module.js';
import { HourlyRetention } from '../../jobs/hourly-retention.js';

const BATCH = 5000;

/**
 * Deletes outbox rows relayed more than OUTBOX_RETENTION_DAYS ago (0 keeps them forever), in
 * batches, oldest first along the primary key, once an hour. A relayed row has done its work:
 * BullMQ holds the job (and its id) for the de-duplication window, which is shorter.
 */
@Injectable()
export class OutboxRetention extends HourlyRetention {
  protected readonly retentionDays: number;

  constructor(
    @Inject(SQL) private readonly sql: postgres.Sql,
    @Inject(CONFIG) config: Config,
  ) {
    super();
    this.retentionDays = config.outboxRetentionDays;
  }

  /** Deletes what is due; returns how many rows went. */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = this.cutoff(now);
    let deleted = 0;
    for (;;) {
      const rows = await this.sql`
        delete from outbox where id in (
          select id from outbox where relayed_at < ${cutoff}::timestamptz order by id limit ${BATCH})
        returning id`;
      deleted += rows.length;
      if (rows.length < BATCH) break;
    }
    if (deleted > 0) this.logger.log(`outbox retention: ${deleted} relayed rows older than ${this.retentionDays} days deleted`);
    return deleted;
  }
}
