import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'drizzle-orm';
import { createDb, createSql, type Database } from '../../src/db/database.js';
import { planEachTime } from '../../src/db/prepared-statements.js';

/**
 * Statements with values go to Postgres as named prepared statements (one round trip, no parse),
 * except those marked planEachTime, which stay unnamed so each call is planned for its values.
 * Asked of the server itself: pg_prepared_statements of the pool's one connection.
 */
describe('prepared statements on a real connection', () => {
  let pool: ReturnType<typeof createSql>;
  let db: Database;
  beforeAll(() => {
    pool = createSql(process.env.DATABASE_URL!, 1);
    db = createDb(pool);
  });
  afterAll(async () => {
    await pool.end({ timeout: 5 });
  });

  const preparedLike = async (marker: string) =>
    (await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${marker}%`}`))[0]!.n;

  it('names a statement with values once and reuses it, but never names one planned for its values', async () => {
    for (let i = 0; i < 6; i++) {
      expect((await db.execute<{ v: number }>(sql`select ${i}::int + 1 as v /* named-probe */`))[0]!.v).toBe(i + 1);
      expect((await db.execute<{ v: number }>(planEachTime(sql`select ${i}::int + 1 as v /* unnamed-probe */`)))[0]!.v).toBe(i + 1);
    }
    expect(await preparedLike('named-probe')).toBe(1);
    expect(await preparedLike('unnamed-probe')).toBe(0);
  });
});
