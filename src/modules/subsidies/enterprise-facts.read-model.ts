import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { EnterpriseFacts } from '../../../libs/eligibility/index.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';

/**
 * What programme eligibility needs of an enterprise, read-only across enterprises and engagements:
 * its SME flag and sector, and whether it already has an engagement (an earlier venture abroad)
 * other than `engagementId`, the award being made.
 */
@Injectable()
export class EnterpriseFactsReadModel {
  constructor(@Inject(DB) private readonly db: Database) {}

  async of(enterpriseId: string, engagementId: string | null, tx: DbOrTx = this.db): Promise<EnterpriseFacts | undefined> {
    const rows = await tx.execute<{ sme: boolean; sector: string; earlier: boolean }>(sql`
      select e.sme, e.sector, exists (
        select 1 from engagements g where g.enterprise_id = e.id and g.id is distinct from ${engagementId}::uuid
      ) as earlier
      from enterprises e where e.id = ${enterpriseId}::uuid`);
    const row = rows[0];
    return row && { sme: row.sme, sector: row.sector, hasEarlierVenture: row.earlier };
  }
}
