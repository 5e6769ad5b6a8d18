import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';

export type AuditTrailRow = {
  id: number;
  at: string;
  actor_sub: string;
  actor_role: string;
  actor_org: string;
  action: string;
  entity_type: string;
  entity_id: string;
  data: Record<string, unknown>;
  request_id: string | null;
};

/**
 * A programme's audit trail: what was recorded about the programme itself (creation,
 * reconciliations asked for), its vouchers and its settlements, newest first. Read-only.
 */
@Injectable()
export class AuditTrailRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async ofProgram(programId: string, before: number | undefined, limit: number): Promise<AuditTrailRow[]> {
    const rows = await this.db.execute<Omit<AuditTrailRow, 'id'> & { id: string }>(sql`
      select a.id::text, a.at, a.actor_sub, a.actor_role, a.actor_org, a.action, a.entity_type, a.entity_id, a.data, a.request_id
      from audit_log a
      where ((a.entity_type = 'program' and a.entity_id = ${programId})
          or (a.entity_type = 'voucher' and a.entity_id in (select id::text from vouchers where program_id = ${programId}))
          or (a.entity_type = 'settlement' and a.entity_id in (select id::text from settlements where program_id = ${programId})))
        ${before === undefined ? sql`` : sql`and a.id < ${before}`}
      order by a.id desc
      limit ${limit + 1}`);
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }
}
