import { Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import type { DbOrTx } from '../../db/database.js';
import { auditLog } from '../../db/schema/index.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

/** Records who changed what; call it inside the transaction that makes the change. */
@Injectable()
export class AuditService {
  async record(tx: DbOrTx, caller: Caller, entry: AuditEntry): Promise<void> {
    await tx.insert(auditLog).values({
      actorSub: caller.sub,
      actorRole: caller.role,
      actorOrg: caller.org,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      data: entry.data ?? {},
      requestId: caller.requestId || null,
    });
  }
}
