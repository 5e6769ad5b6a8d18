import { Injectable } from '@nestjs/common';
import type { DbOrTx } from '../../db/database.js';
import { auditLog } from '../../db/schema/audit.js';

/** The append-only audit log (a trigger refuses UPDATE and DELETE). */
@Injectable()
export class AuditRepository {
  async append(tx: DbOrTx, row: typeof auditLog.$inferInsert): Promise<void> {
    await tx.insert(auditLog).values(row);
  }
}
