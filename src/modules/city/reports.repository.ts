import { Inject, Injectable } from '@nestjs/common';
import { and, asc, gte, inArray, lte } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import { cityReportMonths, type CityReportMonthRow } from '../../db/schema/city.js';

@Injectable()
export class ReportsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Freezes the months given; a month already frozen for a district stays as it was (re-runs are no-ops). */
  async freeze(rows: (typeof cityReportMonths.$inferInsert)[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await this.db.insert(cityReportMonths).values(rows).onConflictDoNothing().returning({ district: cityReportMonths.district });
    return inserted.length;
  }

  async closed(districts: string[], from: string, to: string): Promise<CityReportMonthRow[]> {
    if (districts.length === 0) return [];
    return this.db
      .select()
      .from(cityReportMonths)
      .where(and(inArray(cityReportMonths.district, districts), gte(cityReportMonths.month, from), lte(cityReportMonths.month, to)))
      .orderBy(asc(cityReportMonths.month), asc(cityReportMonths.district));
  }
}
