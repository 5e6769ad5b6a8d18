import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { inArray, isNull, and, eq } from 'drizzle-orm';
import { notificationDeliveries, outbox } from '../../src/db/schema/index.js';
import { outboxJobId } from '../../src/modules/outbox/outbox-relay.js';
import { createEnterprise } from '../factories/enterprises.js';
import { eventually, openDatabase, startApi, startWorker, type Api } from '../support/harness.js';

describe('outbox → BullMQ', () => {
  const database = openDatabase();
  const env = { REDIS_PREFIX: `${process.env.REDIS_PREFIX}_outbox` };
  let api: Api;
  let workers: INestApplicationContext[] = [];
  let queue: Queue;

  beforeAll(async () => {
    api = await startApi(env);
    queue = new Queue('notifications', { connection: { url: process.env.REDIS_URL! }, prefix: env.REDIS_PREFIX });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await queue.close();
    await api.close();
    await database.close();
  });

  async function insertEvents(count: number, tag: string): Promise<number[]> {
    const rows = await database.db
      .insert(outbox)
      .values(
        Array.from({ length: count }, (_, i) => ({
          queue: 'notifications',
          name: 'deliver',
          payload: { event: `test.${tag}`, recipientOrg: null, data: { i } },
        })),
      )
      .returning({ id: outbox.id });
    return rows.map((r) => r.id);
  }

  const deliveriesOf = (ids: number[]) => database.db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.outboxId, ids));

  it('runs each event exactly once while two worker processes race to relay it', async () => {
    const ids = await insertEvents(300, 'race');
    workers = [await startWorker(env), await startWorker(env)];
    const delivered = await eventually(
      () => deliveriesOf(ids),
      (rows) => rows.length === ids.length,
      20_000,
    );
    expect(delivered).toHaveLength(300);
    expect(delivered.filter((d) => d.attempts !== 1)).toEqual([]);
    const unrelayed = await database.db
      .select()
      .from(outbox)
      .where(and(inArray(outbox.id, ids), isNull(outbox.relayedAt)));
    expect(unrelayed).toEqual([]);
    const rows = await database.db
      .select()
      .from(outbox)
      .where(inArray(outbox.id, ids.slice(0, 20)))
      .orderBy(outbox.id);
    const jobs = await Promise.all(rows.map((row) => queue.getJob(outboxJobId(row))));
    expect(jobs.map((job) => job?.attemptsMade)).toEqual(ids.slice(0, 20).map(() => 1));
  });

  it('runs an event once when a relay died after enqueueing it but before marking it sent', async () => {
    // What a relay that died mid-way leaves behind: the job already in Redis (and run), the row
    // still unrelayed. The row is committed only after the job exists, so no relay can beat it.
    const { id, jobId } = await database.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(outbox)
        .values({ queue: 'notifications', name: 'deliver', payload: { event: 'test.crash', recipientOrg: null, data: {} } })
        .returning({ id: outbox.id, createdAt: outbox.createdAt });
      await queue.add('deliver', { event: 'test.crash', recipientOrg: null, data: {}, outboxId: row!.id }, { jobId: outboxJobId(row!) });
      return { id: row!.id, jobId: outboxJobId(row!) };
    });
    const original = (await queue.getJob(jobId))!;
    // The relay enqueues before it commits relayedAt: once the row reads relayed, whatever the
    // relay added is already in Redis, and no relay will take the row again.
    await eventually(
      () =>
        database.db
          .select()
          .from(outbox)
          .where(and(eq(outbox.id, id), isNull(outbox.relayedAt))),
      (rows) => rows.length === 0,
    );
    // So if the job under this id is still the one added above, finished after one attempt, and no
    // other job carries the row, there is nothing left that could run it a second time.
    const job = await eventually(
      async () => {
        const found = (await queue.getJob(jobId))!;
        return { timestamp: found.timestamp, attemptsMade: found.attemptsMade, state: await found.getState() };
      },
      (found) => found.state === 'completed',
    );
    expect(job).toEqual({ timestamp: original.timestamp, attemptsMade: 1, state: 'completed' });
    const pending = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
    expect(pending.filter((j) => j.data.outboxId === id)).toEqual([]);
    const deliveries = await deliveriesOf([id]);
    expect(deliveries.map((d) => d.attempts)).toEqual([1]);
  });

  it('notifies the district when an enterprise registers, through the outbox', async () => {
    const { id } = await createEnterprise(api, { district: 'songjiang' });
    const rows = await eventually(
      () =>
        database.db
          .select({ delivery: notificationDeliveries, payload: outbox.payload })
          .from(notificationDeliveries)
          .innerJoin(outbox, eq(outbox.id, notificationDeliveries.outboxId))
          .where(eq(notificationDeliveries.event, 'enterprise.registered')),
      (found) => found.some((r) => (r.payload as { data: { enterpriseId: string } }).data.enterpriseId === id),
    );
    const mine = rows.find((r) => (r.payload as { data: { enterpriseId: string } }).data.enterpriseId === id);
    expect(mine?.delivery).toMatchObject({ recipientOrg: 'songjiang', channel: 'log', attempts: 1 });
  });
});
