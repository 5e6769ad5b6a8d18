import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { awardedEngagement } from '../factories/engagements.js';
import { createAlliance } from '../factories/providers.js';
import { ensureBuilt } from '../support/built-dist.js';
import { eventually, type Api } from '../support/harness.js';
import { startCollector, type CollectedSpan } from '../support/otlp-collector.js';

const SERVER = 2;
const CONSUMER = 5;

/** The built api and worker as processes of their own: tracing must start before their modules load. */
describe('traces (OTLP)', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  const children: ChildProcess[] = [];
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let api: Api;

  beforeAll(async () => {
    ensureBuilt();
    collector = await startCollector();
    const env = {
      ...process.env,
      PORT: String(port),
      AUTH_DEV_TOKENS: 'true',
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}_traces_${randomUUID().slice(0, 8)}`,
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    for (const entry of ['dist/src/main.js', 'dist/src/worker.js']) {
      children.push(spawn('node', [entry], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
    }
    const base = `http://127.0.0.1:${port}`;
    await eventually(
      () =>
        fetch(`${base}/health/ready`).then(
          (r) => r.ok,
          () => false,
        ),
      (ok) => ok,
      90_000,
    );
    const http = request(base);
    api = {
      http,
      async token(role: string, org: string, sub?: string) {
        const res = await http.post('/v1/auth/dev-tokens').send({ role, org, ...(sub ? { sub } : {}) });
        return res.body.token as string;
      },
    } as unknown as Api;
  }, 180_000);
  afterAll(async () => {
    await Promise.all(
      children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))),
    );
    await collector?.close();
  });

  it('follows an award from the HTTP request through Postgres and the outbox to the worker job that notifies the winner', async () => {
    const alliance = await createAlliance(api);
    await awardedEngagement(api, alliance, { country: 'SA', price: 500_000 });

    const isAward = (span: CollectedSpan) =>
      span.kind === SERVER && /\/v1\/requests\/[^/]+\/award$/.test(String(span.attributes['url.path'] ?? span.attributes['http.target']));
    const awardSpan = (await eventually(async () => collector.spans.find(isAward), Boolean, 15_000))!;
    expect(awardSpan.service).toBe('seaward-api');
    const inTrace = () => collector.spans.filter((span) => span.traceId === awardSpan.traceId);
    const isJob = (span: CollectedSpan) => span.service === 'seaward-worker' && span.kind === CONSUMER && span.name.includes('notifications');
    const trace = await eventually(
      async () => inTrace(),
      (spans) => spans.some(isJob) && spans.some((s) => s.service === 'seaward-worker' && s.attributes['db.system.name'] === 'postgresql'),
      20_000,
    );

    const apiQueries = trace.filter((s) => s.service === 'seaward-api' && s.attributes['db.system.name'] === 'postgresql');
    expect(apiQueries.map((s) => s.attributes['db.operation.name'])).toEqual(expect.arrayContaining(['INSERT', 'UPDATE']));
    const job = trace.find(isJob)!;
    const jobChildren = (parent: CollectedSpan): CollectedSpan[] =>
      trace.filter((s) => s.parentSpanId === parent.spanId).flatMap((child) => [child, ...jobChildren(child)]);
    const underJob = jobChildren(job);
    expect(underJob.some((s) => s.attributes['db.system.name'] === 'postgresql')).toBe(true);
    expect(trace.some((s) => s.attributes['db.system.name'] === 'redis' || s.attributes['db.system'] === 'redis')).toBe(true);
  }, 90_000);
});
