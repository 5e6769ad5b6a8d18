import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { countryBriefs, type CountryBriefRow } from '../../db/schema/information.js';

export type NewBrief = Omit<typeof countryBriefs.$inferInsert, 'id' | 'version' | 'createdAt'>;

@Injectable()
export class BriefsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** The country's next version; concurrent publishers of one country queue on a transaction lock. */
  async publish(tx: DbOrTx, row: NewBrief): Promise<CountryBriefRow> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`country_briefs:${row.country}`}))`);
    const [latest] = await tx
      .select({ version: sql<number>`coalesce(max(${countryBriefs.version}), 0)::int` })
      .from(countryBriefs)
      .where(eq(countryBriefs.country, row.country));
    const [created] = await tx
      .insert(countryBriefs)
      .values({ ...row, version: (latest?.version ?? 0) + 1 })
      .returning();
    return created!;
  }

  /** Latest version first, `limit + 1` rows (the unique (country, version) index). */
  async ofCountry(country: string, beforeVersion: number | undefined, limit: number): Promise<CountryBriefRow[]> {
    return this.db
      .select()
      .from(countryBriefs)
      .where(and(eq(countryBriefs.country, country), beforeVersion === undefined ? undefined : lt(countryBriefs.version, beforeVersion)))
      .orderBy(desc(countryBriefs.version))
      .limit(limit + 1);
  }
}
