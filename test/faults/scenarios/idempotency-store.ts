import { expect } from '@jest/globals';
import { Redis } from 'ioredis';
import { createEnterprise } from '../../factories/enterprises.js';
import { bearer } from '../../factories/providers.js';
import { cny, createProgram } from '../../factories/vouchers.js';
import type { FaultStack } from '../support/stack.js';
import { waitingOnALock } from './load.js';

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
  await waitingOnALock(stack);
  const redis = new Redis(stack.redis.url);
  // Paused far longer than the test needs, and lifted by the test (CLIENT UNPAUSE), not by time.
  await redis.call('CLIENT', 'PAUSE', '120000', 'WRITE');
  await lock`rollback`;
  lock.release();
  const answered = await first;
  expect(answered.status).toBe(201);
  expect(await stack.sql`select status from idempotency_results where key = 'store-fails'`).toEqual([{ status: 201 }]);

  // While Redis takes no writes a retry cannot claim the key: 503, and nothing runs.
  const refused = await send();
  expect({ status: refused.status, code: refused.body.code, retryAfter: Number(refused.headers['retry-after']) > 0 }).toEqual({
    status: 503,
    code: 'dependency_unavailable',
    retryAfter: true,
  });
  await redis.call('CLIENT', 'UNPAUSE');
  const retry = await send();
  expect(retry.status).toBe(201);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.body.id).toBe(answered.body.id);
  expect(await stack.sql`select count(*)::int as n from vouchers where program_id = ${program.id}`).toEqual([{ n: 1 }]);
  redis.disconnect();
}
