import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { fxRates, type FxRateRow } from '../../db/schema/subsidies.js';

@Injectable()
export class FxRatesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Outside a transaction, reads go through the pool. */
  get reader(): DbOrTx {
    return this.db;
  }

  async upsert(row: typeof fxRates.$inferInsert): Promise<FxRateRow> {
    const [saved] = await this.db
      .insert(fxRates)
      .values(row)
      .onConflictDoUpdate({
        target: [fxRates.rateDate, fxRates.currency],
        set: { cnyPerUnit: row.cnyPerUnit, source: row.source, setBy: row.setBy, updatedAt: sql`now()` },
      })
      .returning();
    return saved!;
  }

  /** A date's recorded rates of these currencies, locked until the import's transaction ends. */
  async lockOfDate(tx: DbOrTx, date: string, currencies: string[]): Promise<FxRateRow[]> {
    if (currencies.length === 0) return [];
    return tx
      .select()
      .from(fxRates)
      .where(and(eq(fxRates.rateDate, date), inArray(fxRates.currency, currencies)))
      .for('update');
  }

  async upsertMany(tx: DbOrTx, rows: (typeof fxRates.$inferInsert)[]): Promise<void> {
    if (rows.length === 0) return;
    await tx
      .insert(fxRates)
      .values(rows)
      .onConflictDoUpdate({
        target: [fxRates.rateDate, fxRates.currency],
        set: { cnyPerUnit: sql`excluded.cny_per_unit`, source: sql`excluded.source`, setBy: sql`excluded.set_by`, updatedAt: sql`now()` },
      });
  }

  /** The latest rate of the currency published on or before `date`. */
  async latest(tx: DbOrTx, currency: string, date: string): Promise<FxRateRow | undefined> {
    const [row] = await tx
      .select()
      .from(fxRates)
      .where(and(eq(fxRates.currency, currency), lte(fxRates.rateDate, date)))
      .orderBy(desc(fxRates.rateDate))
      .limit(1);
    return row;
  }
}
