import type TestAgent from 'supertest/lib/agent.js';
import { eventually } from '../../support/harness.js';
import type { FaultStack } from '../support/stack.js';

export interface Answer {
  /** When the request was sent (epoch ms). */
  at: number;
  status: number;
  code?: string;
  retryAfter?: string;
  ms: number;
  route: string;
  error?: string;
}

/**
 * Calls `send` from `concurrency` loops until `stop()` is called, recording every answer with how
 * long it took. A request with no answer within `timeoutMs` counts as status 0 (a hang).
 */
export function runLoad(
  http: TestAgent,
  concurrency: number,
  send: (http: TestAgent, i: number) => { route: string; request: PromiseLike<{ status: number; body: { code?: string }; headers: Record<string, string> }> },
) {
  const answers: Answer[] = [];
  let running = true;
  let i = 0;
  const loops = Array.from({ length: concurrency }, async () => {
    while (running) {
      const started = Date.now();
      const { route, request } = send(http, i++);
      try {
        const res = await request;
        answers.push({ at: started, status: res.status, code: res.body?.code, retryAfter: res.headers['retry-after'], ms: Date.now() - started, route });
      } catch (error) {
        answers.push({ at: started, status: 0, ms: Date.now() - started, route, error: (error as Error).message });
      }
    }
  });
  return {
    answers,
    async stop(): Promise<Answer[]> {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until a statement of the stack's database waits on a lock (one the test holds), or fails after 30 s. */
export async function waitingOnALock(stack: FaultStack): Promise<void> {
  await eventually(
    async () => {
      const [waiting] = await stack.sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
      return waiting!.n as number;
    },
    (n) => n > 0,
    30_000,
  );
}
