import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { OutboxRow } from '../../db/schema/outbox.js';

/** A unit of work that should be done by now, with the outbox row its job came from (if any). */
export interface StuckWork {
  subject: string;
  row: OutboxRow | null;
}

const LIMIT = 500;
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

type Found = { subject: string; id: string | null; queue: string; name: string; payload: unknown; created_at: string; relayed_at: string | null };

/**
 * The sweepers' read model: across the tables of payments, reconciliation, quality and the
 * outbox, read-only, the work that should be finished by now and the outbox row behind it. Any
 * repair goes through the owning module's service (sweeps.service.ts).
 */
@Injectable()
export class StuckWorkReadModel {
  constructor(@Inject(DB) private readonly db: Database) {}

  unappliedStripeEvents(before: Date): Promise<StuckWork[]> {
    return this.find(sql`
      select e.id as subject, o.* from stripe_events e
      left join outbox o on o.queue = 'webhooks' and o.payload->>'eventId' = e.id
      where e.applied_at is null and e.received_at < ${at(before)}
      order by e.received_at limit ${LIMIT}`);
  }

  activeRuns(before: Date): Promise<StuckWork[]> {
    return this.find(sql`
      select r.id::text as subject, o.* from reconciliation_runs r
      left join outbox o on o.queue = 'reconciliation' and o.payload->>'runId' = r.id::text
      where r.status in ('queued', 'running') and r.created_at < ${at(before)}
      order by r.created_at limit ${LIMIT}`);
  }

  queuedReplays(before: Date): Promise<StuckWork[]> {
    return this.find(sql`
      select q.id::text as subject, o.* from quality_replays q
      left join outbox o on o.queue = 'quality' and o.payload->>'replayId' = q.id::text
      where q.status = 'queued' and q.created_at < ${at(before)}
      order by q.created_at limit ${LIMIT}`);
  }

  /** Outbox rows the relay has not moved since `before`: how many, the oldest, and the first few. */
  async unrelayed(before: Date): Promise<{ count: number; oldest: Date | null; sample: Pick<OutboxRow, 'id' | 'queue' | 'name'>[] }> {
    const stale = sql`relayed_at is null and created_at < ${at(before)}`;
    const [totals] = await this.db.execute<{ count: number; oldest: string | null }>(
      sql`select count(*)::int as count, min(created_at) as oldest from outbox where ${stale}`,
    );
    const sample = await this.db.execute<{ id: string; queue: string; name: string }>(
      sql`select id, queue, name from outbox where ${stale} order by id limit 20`,
    );
    return {
      count: totals?.count ?? 0,
      oldest: totals?.oldest ? new Date(totals.oldest) : null,
      sample: sample.map((r) => ({ id: Number(r.id), queue: r.queue, name: r.name })),
    };
  }

  private async find(query: SQL): Promise<StuckWork[]> {
    const rows = await this.db.execute<Found>(query);
    return rows.map((r) => ({
      subject: r.subject,
      row:
        r.id === null
          ? null
          : {
              id: Number(r.id),
              queue: r.queue,
              name: r.name,
              payload: r.payload,
              createdAt: new Date(r.created_at),
              relayedAt: r.relayed_at ? new Date(r.relayed_at) : null,
            },
    }));
  }
}
