import postgres from 'postgres';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { migrateDatabase } from '../../../src/db/migrate.js';
import { ensureBuilt } from '../../support/built-dist.js';
import type { Api } from '../../support/harness.js';
import { PrivateRedis } from './private-redis.js';
import { freePort, ServiceProcess, waitFor } from './processes.js';
import { TcpProxy } from './tcp-proxy.js';

/**
 * Real parts a fault test can break: a database of its own behind a TCP proxy per process (so
 * the worker's database can be cut while the api's stays), a private redis-server, and the
 * built api and worker as child processes.
 */
export class FaultStack {
  api!: ServiceProcess;
  worker!: ServiceProcess;
  apiDb!: TcpProxy;
  workerDb!: TcpProxy;
  redis!: PrivateRedis;
  /** Direct access to the stack's database, for what a user could check with psql. */
  sql!: postgres.Sql;
  http!: TestAgent;
  baseUrl = '';
  private databaseUrl = '';
  private readonly admin = postgres(process.env.SEAWARD_TEST_ADMIN_URL ?? process.env.DATABASE_URL!, { max: 1, onnotice: () => undefined });

  constructor(
    private readonly name: string,
    private readonly env: { api?: Record<string, string>; worker?: Record<string, string> } = {},
  ) {}

  async start(): Promise<this> {
    ensureBuilt();
    const database = `${process.env.SEAWARD_TEST_DATABASE}_${this.name}`;
    await this.admin.unsafe(`create database "${database}"`);
    const direct = new URL(process.env.DATABASE_URL!);
    direct.pathname = `/${database}`;
    this.databaseUrl = direct.toString();
    await migrateDatabase(this.databaseUrl);
    this.sql = postgres(this.databaseUrl, { max: 3, onnotice: () => undefined });
    const target = { host: direct.hostname, port: Number(direct.port || 5432) };
    this.apiDb = await TcpProxy.start(target);
    this.workerDb = await TcpProxy.start(target);
    this.redis = await PrivateRedis.start();
    await this.startApi();
    await this.startWorker();
    return this;
  }

  async startApi(): Promise<void> {
    const port = await freePort();
    this.api = ServiceProcess.start('api', { ...this.commonEnv(this.apiDb), PORT: String(port), ...this.env.api });
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.http = request(this.baseUrl) as unknown as TestAgent;
    await waitFor(async () => (await fetch(`${this.baseUrl}/health/live`)).ok, 90_000).catch((error) => {
      throw new Error(`api did not start: ${error}\n${this.api.tail()}`);
    });
  }

  async startWorker(env: Record<string, string> = {}): Promise<void> {
    // At least info: the boot logger's "Seaward worker started" line is what says it is up.
    const level = { LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'info' };
    this.worker = ServiceProcess.start('worker', { ...this.commonEnv(this.workerDb), ...level, ...this.env.worker, ...env });
    await waitFor(async () => this.worker.output.join('').includes('Seaward worker started'), 90_000).catch((error) => {
      throw new Error(`worker did not start: ${error}\n${this.worker.tail()}`);
    });
  }

  /** What the factories of test/factories need: HTTP to the api and dev tokens. */
  asApi(): Api {
    return {
      app: undefined as never,
      http: this.http,
      token: async (role, org, sub) => {
        const res = await this.http.post('/v1/auth/dev-tokens').send({ role, org, ...(sub ? { sub } : {}) });
        if (res.status !== 201) throw new Error(`dev token: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.token as string;
      },
      close: async () => undefined,
    };
  }

  async stop(): Promise<void> {
    await Promise.all([this.api?.kill(), this.worker?.kill()]);
    await this.redis?.stop();
    await this.apiDb?.close();
    await this.workerDb?.close();
    await this.sql?.end({ timeout: 5 });
    const database = `${process.env.SEAWARD_TEST_DATABASE}_${this.name}`;
    await this.admin.unsafe(`drop database if exists "${database}" with (force)`).finally(() => this.admin.end());
  }

  private commonEnv(proxy: TcpProxy): Record<string, string> {
    const url = new URL(this.databaseUrl);
    url.host = `127.0.0.1:${proxy.port}`;
    return {
      NODE_ENV: 'test',
      DATABASE_URL: url.toString(),
      REDIS_URL: this.redis.url,
      REDIS_PREFIX: 'faults',
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
      OUTBOX_POLL_MS: '50',
      RATE_LIMIT_PER_MINUTE: '100000',
      AUTH_DEV_TOKENS: 'true',
      NOTIFICATION_ALLOW_PRIVATE_NETWORKS: 'true',
    };
  }
}
