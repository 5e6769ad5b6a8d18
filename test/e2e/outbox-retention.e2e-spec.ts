import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { inArray } from 'drizzle-orm';
import { outbox } from '../../src/db/schema/index.js';
import { OutboxRetention } from '../../src/modules/outbox/outbox-retention.js';
import { openDatabase, startWorker } from '../support/harness.js';

describe('outbox retention', () => {
  const database = openDatabase();
  let worker: INestApplicationContext;
  beforeAll(async () => {
    worker = await startWorker({ REDIS_PREFIX: `${process.env.REDIS_PREFIX}_retention`, OUTBOX_RETENTION_DAYS: '14', OUTBOX_POLL_MS: '60000' });
  });
  afterAll(async () => {
    await worker.close();
    await database.close();
  });

  it('deletes rows relayed longer ago than OUTBOX_RETENTION_DAYS and keeps recent or unrelayed ones', async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const row = (label: string, relayedAt: Date | null, createdAt: Date) => ({
      queue: 'notifications',
      name: 'deliver',
      payload: { event: `retention.${label}` },
      createdAt,
      relayedAt,
    });
    const inserted = await database.db
      .insert(outbox)
      .values([row('old', daysAgo(20), daysAgo(20)), row('recent', daysAgo(3), daysAgo(3)), row('waiting', null, daysAgo(30))])
      .returning({ id: outbox.id, payload: outbox.payload });
    const ids = inserted.map((r) => r.id);

    const deleted = await worker.get(OutboxRetention).sweep(now);
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await database.db.select({ payload: outbox.payload }).from(outbox).where(inArray(outbox.id, ids));
    expect(left.map((r) => (r.payload as { event: string }).event).sort()).toEqual(['retention.recent', 'retention.waiting']);
  });
});
