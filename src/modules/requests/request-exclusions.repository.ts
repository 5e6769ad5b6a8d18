import { Inject, Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { requestExclusions, type RequestExclusionRow } from '../../db/schema/requests.js';

@Injectable()
export class RequestExclusionsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** The new exclusion, or undefined when the provider was already excluded. */
  async insert(tx: DbOrTx, row: typeof requestExclusions.$inferInsert): Promise<RequestExclusionRow | undefined> {
    const [created] = await tx.insert(requestExclusions).values(row).onConflictDoNothing().returning();
    return created;
  }

  async ofRequest(requestId: string, tx: DbOrTx = this.db): Promise<RequestExclusionRow[]> {
    return tx.select().from(requestExclusions).where(eq(requestExclusions.requestId, requestId)).orderBy(asc(requestExclusions.excludedAt));
  }

  async providerIds(tx: DbOrTx, requestId: string): Promise<string[]> {
    return (await this.ofRequest(requestId, tx)).map((r) => r.providerId);
  }
}
