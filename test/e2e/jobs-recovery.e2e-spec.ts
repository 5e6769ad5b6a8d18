import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import postgres from 'postgres';
import { bearer, createAlliance } from '../factories/providers.js';
import { eventually, startApi, startWorker, type Api } from '../support/harness.js';

/**
 * Final failures and sweepers with a real worker, Redis and Postgres: a job that keeps failing is
 * counted and re-driven; a replay whose job was lost is found by the sweeper and completed once.
 */
describe('jobs: final failures, re-drive and sweepers', () => {
  const prefix = `${process.env.REDIS_PREFIX}_recovery`;
  const env = { REDIS_PREFIX: prefix, JOB_BACKOFF_SCALE: '0.01', SWEEP_EVERY_MS: '1000', SWEEP_STALE_AFTER_MS: '1000' };
  let api: Api;
  let worker: INestApplicationContext | undefined;
  let quality: Queue;
  let admin: string;
  const sql = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => undefined });

  beforeAll(async () => {
    api = await startApi(env);
    quality = new Queue('quality', { connection: { url: process.env.REDIS_URL! }, prefix });
    admin = await api.token('admin', 'platform');
  });
  afterAll(async () => {
    await worker?.close();
    await quality.close();
    await api.close();
    await sql.end({ timeout: 5 });
  });

  it('finds a replay whose job was lost and completes it once, leaving a record of each sweep', async () => {
    const alliance = await createAlliance(api, '静安区出海服务联盟', ['jingan']);
    const queued = await api.http
      .post('/v1/quality/replays')
      .set(bearer(alliance.manager))
      .send({ weights: { language: 1 }, from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() })
      .expect(202);
    const replayId = queued.body.replayId as string;
    // As if the relay had enqueued it and Redis then lost the job.
    expect(await sql`update outbox set relayed_at = now() where queue = 'quality' and payload->>'replayId' = ${replayId} returning id`).toHaveLength(1);
    // Queued longer ago than SWEEP_STALE_AFTER_MS (1 s): the first sweep counts it as stuck,
    // without the test waiting for the second to pass.
    expect(await sql`update quality_replays set created_at = now() - interval '5 seconds' where id = ${replayId} returning id`).toHaveLength(1);

    worker = await startWorker(env);
    const replay = await eventually(
      () =>
        api.http
          .get(`/v1/quality/replays/${replayId}`)
          .set(bearer(alliance.manager))
          .then((r) => r.body),
      (body) => body.status === 'completed',
      20_000,
    );
    expect(replay.status).toBe('completed');
    const records = await eventually(
      () => sql`select requeued, report from sweeps where sweep = 'replays' order by id`,
      (rows) => rows.length >= 2,
      10_000,
    );
    const requeuedIt = records.filter((r) => (r.report as { requeued: string[] }).requeued.includes(replayId));
    expect(requeuedIt).toHaveLength(1); // once: the next sweeps find it done
  });

  it('counts a job that fails for good, shows it to admins, and sends it again on re-drive', async () => {
    worker ??= await startWorker(env);
    // A job no handler knows fails every attempt (5 for the quality queue).
    await quality.add('no-such-job', { replayId: 'none' }, { jobId: 'doomed-1', attempts: 5, backoff: { type: 'capped-exponential', delay: 10 } });
    const listed = await eventually(
      () =>
        api.http
          .get('/v1/admin/jobs')
          .set(bearer(admin))
          .then((r) => r.body.data.find((q: { queue: string }) => q.queue === 'quality')),
      (q) => q?.failed === 1 && q?.finalFailures === 1,
      15_000,
    );
    expect(listed).toMatchObject({ queue: 'quality', failed: 1, finalFailures: 1, attempts: 5 });
    expect((await quality.getJob('doomed-1'))!.attemptsMade).toBe(5);

    const redriven = await api.http.post('/v1/admin/jobs/quality/redrive').set(bearer(admin)).expect(200);
    expect(redriven.body).toEqual({ queue: 'quality', redriven: 1 });
    const again = await eventually(
      () =>
        api.http
          .get('/v1/admin/jobs')
          .set(bearer(admin))
          .then((r) => r.body.data.find((q: { queue: string }) => q.queue === 'quality')),
      // The final-failure count and the failed set are two writes: wait for both.
      (q) => q?.finalFailures === 2 && q?.failed === 1,
      15_000,
    );
    expect(again).toMatchObject({ failed: 1, finalFailures: 2 });

    await api.http.post('/v1/admin/jobs/nope/redrive').set(bearer(admin)).expect(400);
    await api.http
      .get('/v1/admin/jobs')
      .set(bearer(await api.token('enterprise', randomUUID())))
      .expect(403);
  });
});
