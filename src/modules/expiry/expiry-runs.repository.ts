import { Injectable } from '@nestjs/common';
import type { DbOrTx } from '../../db/database.js';
import { expiryRuns } from '../../db/schema/expiry.js';

/** What each sweep did, for operators and auditors. */
@Injectable()
export class ExpiryRunsRepository {
  async record(tx: DbOrTx, run: typeof expiryRuns.$inferInsert): Promise<void> {
    await tx.insert(expiryRuns).values(run);
  }
}
