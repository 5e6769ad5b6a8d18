import { Injectable } from '@nestjs/common';
import type { DbOrTx } from '../../db/database.js';
import { outbox } from '../../db/schema/index.js';
import type { QueueName } from '../../jobs/queues.js';
import { withTraceContext } from '../../telemetry/job-trace-context.js';

/** Writes background work in the caller's transaction; the relay turns it into a BullMQ job. */
@Injectable()
export class OutboxService {
  async add(tx: DbOrTx, queue: QueueName, name: string, payload: Record<string, unknown>): Promise<number> {
    const [row] = await tx
      .insert(outbox)
      .values({ queue, name, payload: withTraceContext(payload) })
      .returning({ id: outbox.id });
    return row!.id;
  }

  /** Several jobs of one kind in one insert. */
  async addMany(tx: DbOrTx, queue: QueueName, name: string, payloads: Record<string, unknown>[]): Promise<void> {
    if (payloads.length === 0) return;
    await tx.insert(outbox).values(payloads.map((payload) => ({ queue, name, payload: withTraceContext(payload) })));
  }
}
