import { expect } from '@jest/globals';
import { Redis } from 'ioredis';
import { createEnterprise } from '../../factories/enterprises.js';
import { bearer } from '../../factories/providers.js';
import { cny, createProgram } from '../../factories/vouchers.js';
import type { FaultStack } from '../support/stack.js';
import { sleep } from './load.js';

/**
 * Redis stops taking writes between a voucher issue's commit and the store of its
 * Idempotency-Key result: the test holds the programme's ledger rows so the request is certainly
 * past its claim, pauses Redis's writes, then lets the commit through. The retry must answer
 * with the committed voucher, not issue a second one.
 */
export async function resultSurvivesFailedStore(stack: FaultStack): Promise<void> {
  const api = stack.asApi();
  const enterprise = await createEnterprise(api);
  const program = await createProgram(api);
  const body = { enterpriseId: enterprise.id, faceValue: cny(5000), expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString() };
  const send = () => stack.http.post(`/v1/programs/${program.id}/vouchers`).set(bearer(program.officer)).set('Idempotency-Key', 'store-fails').send(body);

  const lock = await stack.sql.reserve();
  await lock`begin`;
  await lock`select account from ledger_accounts where program_id = ${program.id} for update`;
  const first = send().then((res) => res);
  for (let i = 0; i < 100; i++) {
    const [waiting] = await stack.sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
    if (waiting!.n > 0) break;
    await sleep(50);
  }
  const redis = new Redis(stack.redis.url);
  await redis.call('CLIENT', 'PAUSE', '3000', 'WRITE');
  await lock`rollback`;
  lock.release();
  const answered = await first;
  expect(answered.status).toBe(201);
  expect(await stack.sql`select status from idempotency_results where key = 'store-fails'`).toEqual([{ status: 201 }]);

  // While Redis takes no writes a retry cannot claim the key: 503, and nothing runs.
  await sleep(3000); // the pause over
  const retry = await send();
  expect(retry.status).toBe(201);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.body.id).toBe(answered.body.id);
  expect(await stack.sql`select count(*)::int as n from vouchers where program_id = ${program.id}`).toEqual([{ n: 1 }]);
  redis.disconnect();
}
