import { Injectable } from '@nestjs/common';
import type { DbOrTx } from '../../db/database.js';
import type { OutboxJobs } from '../../jobs/job-names.js';
import { withTraceContext } from '../../telemetry/job-trace-context.js';
import { OutboxRepository } from './outbox.repository.js';

/** Writes background work in the caller's transaction; the relay turns it into a BullMQ job. */
@Injectable()
export class OutboxService {
  constructor(private readonly repo: OutboxRepository) {}

  async add<Q extends keyof OutboxJobs, N extends keyof OutboxJobs[Q] & string>(tx: DbOrTx, queue: Q, name: N, payload: OutboxJobs[Q][N]): Promise<number> {
    return this.repo.insert(tx, { queue, name, payload: withTraceContext(payload as Record<string, unknown>) });
  }

  /** Several jobs of one kind in one insert. */
  async addMany<Q extends keyof OutboxJobs, N extends keyof OutboxJobs[Q] & string>(
    tx: DbOrTx,
    queue: Q,
    name: N,
    payloads: OutboxJobs[Q][N][],
  ): Promise<void> {
    if (payloads.length === 0) return;
    await this.repo.insertMany(
      tx,
      payloads.map((payload) => ({ queue, name, payload: withTraceContext(payload as Record<string, unknown>) })),
    );
  }
}
