import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { fxRates, type FxRateRow } from '../../db/schema/subsidies.js';

@Injectable()
export class FxRatesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

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
