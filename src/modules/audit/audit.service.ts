import { Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import type { DbOrTx } from '../../db/database.js';
import { auditLog } from '../../db/schema/audit.js';
import type { AuditAction } from './audit-actions.js';

export type { AuditAction } from './audit-actions.js';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

/** The audit row of an entry, for statements that write it themselves (voucher_issue, migration 0051). */
export function auditRow(caller: Caller, entry: AuditEntry) {
  return {
    actorSub: caller.sub,
    actorRole: caller.role,
    actorOrg: caller.org,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    data: entry.data ?? {},
    requestId: caller.requestId || null,
  };
}

/** Records who changed what; call it inside the transaction that makes the change. */
@Injectable()
export class AuditService {
  async record(tx: DbOrTx, caller: Caller, entry: AuditEntry): Promise<void> {
    await tx.insert(auditLog).values(auditRow(caller, entry));
  }
}
