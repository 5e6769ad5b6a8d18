import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { inArray } from 'drizzle-orm';
import { notificationDeliveries, outbox } from '../../src/db/schema/index.js';
import { WorkerMetrics } from '../../src/modules/metrics/worker-metrics.js';
import { createEnterprise } from '../factories/enterprises.js';
import { createProgram } from '../factories/vouchers.js';
import { eventually, openDatabase, startApi, startWorker, type Api } from '../support/harness.js';
import { sample } from '../support/prometheus.js';

describe('/metrics', () => {
  const database = openDatabase();
  const env = { REDIS_PREFIX: `${process.env.REDIS_PREFIX}_metrics`, METRICS_TOKEN: 'scrape-token-for-the-test' };
  let api: Api;
  let worker: INestApplicationContext;
  const scrapeApi = async () => (await api.http.get('/metrics').auth(env.METRICS_TOKEN, { type: 'bearer' }).expect(200)).text;
  const scrapeWorker = async () => {
    const port = worker.get(WorkerMetrics).port;
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${env.METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    api = await startApi(env);
    worker = await startWorker({ ...env, WORKER_METRICS_PORT: '0' });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await database.close();
  });

  it('requires METRICS_TOKEN as a bearer token when it is set, on the api and on the worker', async () => {
    await api.http.get('/metrics').expect(401);
    await api.http.get('/metrics').auth('wrong-token-of-the-same-size!', { type: 'bearer' }).expect(401);
    const res = await fetch(`http://127.0.0.1:${worker.get(WorkerMetrics).port}/metrics`);
    expect(res.status).toBe(401);
  });

  it('reports requests by route and status, the pool, the outbox, the queues and the money after a small workload', async () => {
    const program = await createProgram(api, { district: 'xuhui' });
    const enterprise = await createEnterprise(api);
    await api.http.get(`/v1/enterprises/${randomUUID()}`).auth(enterprise.token, { type: 'bearer' }).expect(404);
    for (let i = 0; i < 3; i++) await api.http.get(`/v1/enterprises/${enterprise.id}`).auth(enterprise.token, { type: 'bearer' }).expect(200);
    const rows = await database.db
      .insert(outbox)
      .values(
        Array.from({ length: 5 }, (_, i) => ({ queue: 'notifications', name: 'deliver', payload: { event: 'test.metrics', recipientOrg: null, data: { i } } })),
      )
      .returning({ id: outbox.id });
    const ids = rows.map((row) => row.id);
    await eventually(
      () => database.db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.outboxId, ids)),
      (delivered) => delivered.length === ids.length,
      20_000,
    );

    const apiText = await scrapeApi();
    const requests = (route: string, status: string, method = 'GET') =>
      sample(apiText, 'seaward_http_requests_total', { process: 'api', method, route, status });
    expect(requests('/v1/enterprises/:id', '200')).toBe(3);
    expect(requests('/v1/enterprises/:id', '404')).toBe(1);
    expect(requests('/v1/programs', '201', 'POST')).toBe(1);
    const latencyCount = sample(apiText, 'seaward_http_request_duration_seconds_count', { route: '/v1/enterprises/:id', status: '200' });
    const latencySum = sample(apiText, 'seaward_http_request_duration_seconds_sum', { route: '/v1/enterprises/:id', status: '200' })!;
    expect(latencyCount).toBe(3);
    expect(latencySum).toBeGreaterThan(0);
    expect(latencySum).toBeLessThan(30);

    expect(sample(apiText, 'seaward_db_pool_max_connections')).toBe(10);
    const open = ['active', 'idle', 'idle in transaction'].map((state) => sample(apiText, 'seaward_db_pool_connections', { state }) ?? 0);
    expect(open[0]).toBeGreaterThanOrEqual(1); // the scrape's own query
    expect(open.reduce((a, b) => a + b)).toBeLessThanOrEqual(10);
    expect(sample(apiText, 'seaward_db_pool_probe_seconds_count')).toBeGreaterThanOrEqual(1);

    expect(sample(apiText, 'seaward_outbox_unrelayed_rows')).toBe(0);
    expect(sample(apiText, 'seaward_outbox_lag_seconds')).toBe(0);
    const money = (account: string) => sample(apiText, 'seaward_program_balance_minor', { program: program.id, account });
    expect(money('available')).toBe(program.view.budget.amount);
    expect(money('reserved')).toBe(0);
    expect(money('committed')).toBe(0);
    expect(sample(apiText, 'nodejs_eventloop_lag_seconds', { process: 'api' })).toBeGreaterThanOrEqual(0);
    expect(sample(apiText, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    const workerText = await scrapeWorker();
    expect(sample(workerText, 'seaward_queue_jobs', { process: 'worker', queue: 'notifications', state: 'completed' })).toBeGreaterThanOrEqual(5);
    expect(sample(workerText, 'seaward_queue_jobs', { queue: 'notifications', state: 'waiting' })).toBe(0);
    expect(sample(workerText, 'seaward_queue_jobs', { queue: 'reconciliation', state: 'failed' })).toBe(0);
    expect(sample(workerText, 'seaward_jobs_total', { queue: 'notifications', outcome: 'completed' })).toBeGreaterThanOrEqual(5);
    expect(sample(workerText, 'seaward_job_duration_seconds_count', { queue: 'notifications', outcome: 'completed' })).toBeGreaterThanOrEqual(5);
    expect(sample(workerText, 'seaward_outbox_unrelayed_rows')).toBe(0);
  });
});
