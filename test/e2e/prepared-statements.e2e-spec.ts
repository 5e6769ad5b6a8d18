import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { createDb, createSql, type Database } from '../../src/db/database.js';

/**
 * Statements with values go to Postgres as named prepared statements (one round trip, no parse).
 * On an ordinary pool Postgres may settle on one generic plan after five calls; on a pool made
 * with customPlans (CUSTOM_PLAN_DB, the search pages) every call is planned for its values.
 * Asked of the server itself: pg_prepared_statements of each pool's one connection.
 */
describe('prepared statements on a real connection', () => {
  let pools: ReturnType<typeof createSql>[];
  let shared: Database;
  let customPlans: Database;
  beforeAll(() => {
    pools = [createSql(process.env.DATABASE_URL!, 1), createSql(process.env.DATABASE_URL!, 1, undefined, true, { customPlans: true })];
    [shared, customPlans] = pools.map((pool) => createDb(pool));
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end({ timeout: 5 })));
  });

  type Plans = { statements: number; generic: number; custom: number };
  const plansOf = async (db: Database, marker: string): Promise<Plans> =>
    (
      await db.execute<Plans>(sql`
        select count(*)::int as statements, coalesce(sum(generic_plans), 0)::int as generic, coalesce(sum(custom_plans), 0)::int as custom
        from pg_prepared_statements where statement like ${`%${marker}%`}`)
    )[0]!;

  it('names a statement with values once and reuses it; only the custom-plan pool plans every call for its values', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await shared.execute<{ v: number }>(sql`select ${i}::int + 1 as v /* shared-probe */`))[0]!.v).toBe(i + 1);
      expect((await customPlans.execute<{ v: number }>(sql`select ${i}::int + 1 as v /* custom-probe */`))[0]!.v).toBe(i + 1);
    }
    const sharedPlans = await plansOf(shared, 'shared-probe');
    expect(sharedPlans.statements).toBe(1);
    expect(sharedPlans.generic).toBeGreaterThan(0);
    expect(await plansOf(customPlans, 'custom-probe')).toEqual({ statements: 1, generic: 0, custom: 8 });
  });
});
