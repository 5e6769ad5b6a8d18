import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApi } from '../../src/bootstrap/create-api.js';
import { createWorker } from '../../src/bootstrap/create-worker.js';
import { loadConfig } from '../../src/config/config.js';
import { createDb, createSql, type Database } from '../../src/db/database.js';

export type Env = Record<string, string | undefined>;

export interface Api {
  app: NestExpressApplication;
  http: TestAgent;
  /** A dev token for the role and organisation (a district code for officers, else a UUID). */
  token(role: string, org: string, sub?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The api over real HTTP on real Postgres and Redis. Any 5xx answered during the test fails
 * `close()`: the contract says bad input is never a server error. Tests of load shedding allow
 * 503s with `busyAllowed`.
 */
export async function startApi(env: Env = {}, options: { busyAllowed?: boolean; port?: number } = {}): Promise<Api> {
  const config = loadConfig({ ...process.env, ...env });
  const app = await createApi(config);
  const serverErrors: string[] = [];
  app.use((req: { method: string; originalUrl: string }, res: { statusCode: number; on(e: string, f: () => void): void }, next: () => void) => {
    res.on('finish', () => {
      const busy = res.statusCode === 503 && options.busyAllowed;
      if (res.statusCode >= 500 && !busy) serverErrors.push(`${req.method} ${req.originalUrl} → ${res.statusCode}`);
    });
    next();
  });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    async token(role, org, sub) {
      const res = await http.post('/v1/auth/dev-tokens').send({ role, org, ...(sub ? { sub } : {}) });
      if (res.status !== 201) throw new Error(`dev token: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async close() {
      await app.close();
      if (serverErrors.length) throw new Error(`server errors during the test:\n${serverErrors.join('\n')}`);
    },
  };
}

export async function startWorker(env: Env = {}): Promise<INestApplicationContext> {
  return createWorker(loadConfig({ ...process.env, OUTBOX_POLL_MS: '20', ...env }));
}

/** Direct database access for assertions a user could make with psql. */
export function openDatabase(): { db: Database; close(): Promise<void> } {
  const sql = createSql(process.env.DATABASE_URL!, 2);
  return { db: createDb(sql), close: () => sql.end({ timeout: 5 }) };
}

/**
 * Polls `probe` until `done` holds and returns that value; throws on timeout, with the last value
 * seen, so a test never goes on with an outcome that did not come.
 */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`eventually: not done after ${timeoutMs} ms; last value: ${preview(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 2000 ? `${text.slice(0, 2000)}… (${text.length} characters)` : text;
  } catch {
    return String(value);
  }
}
