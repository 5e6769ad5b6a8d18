import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { beforeCreatedAt, type CreatedAtKeyset } from '../../db/keyset.js';
import { serviceRequests, type RequestStatus, type ServiceRequestRow } from '../../db/schema/requests.js';

@Injectable()
export class RequestsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: typeof serviceRequests.$inferInsert): Promise<ServiceRequestRow> {
    const [created] = await tx.insert(serviceRequests).values(row).returning();
    return created!;
  }

  async findById(id: string): Promise<ServiceRequestRow | undefined> {
    const [row] = await this.db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
    return row;
  }

  /** Serialises state changes of one request (publish, cancel, the award); bids take it shared. */
  async lockById(tx: DbOrTx, id: string, strength: 'update' | 'share' = 'update'): Promise<ServiceRequestRow | undefined> {
    const [row] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, id)).for(strength);
    return row;
  }

  /** The request locked for update, or undefined when another transaction holds it (or it does not exist). */
  async lockIfFree(tx: DbOrTx, id: string): Promise<ServiceRequestRow | undefined> {
    const [row] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, id)).for('update', { skipLocked: true });
    return row;
  }

  /** Open requests whose bidding deadline has passed, locked (skipping ones an award holds). */
  async lockOpenPastDeadline(tx: DbOrTx, now: Date): Promise<ServiceRequestRow[]> {
    return tx
      .select()
      .from(serviceRequests)
      .where(and(eq(serviceRequests.status, 'open'), lte(serviceRequests.biddingClosesAt, now)))
      .orderBy(asc(serviceRequests.id))
      .for('update', { skipLocked: true });
  }

  async setStatus(tx: DbOrTx, id: string, status: RequestStatus, publishedAt?: Date): Promise<ServiceRequestRow> {
    const [row] = await tx
      .update(serviceRequests)
      .set({ status, ...(publishedAt ? { publishedAt } : {}), updatedAt: new Date() })
      .where(eq(serviceRequests.id, id))
      .returning();
    return row!;
  }

  /** An enterprise's requests, newest first, `limit + 1` rows (one range of service_requests_enterprise_idx). */
  async ofEnterprise(filter: { enterpriseId: string; status?: RequestStatus; after?: CreatedAtKeyset }, limit: number): Promise<ServiceRequestRow[]> {
    return this.db
      .select()
      .from(serviceRequests)
      .where(
        and(
          eq(serviceRequests.enterpriseId, filter.enterpriseId),
          filter.status ? eq(serviceRequests.status, filter.status) : undefined,
          beforeCreatedAt(serviceRequests.createdAt, serviceRequests.id, filter.after),
        ),
      )
      .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
      .limit(limit + 1);
  }

  async openIdsOf(enterpriseId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(and(eq(serviceRequests.enterpriseId, enterpriseId), eq(serviceRequests.status, 'open')));
    return rows.map((r) => r.id);
  }

  async byIds(ids: string[]): Promise<ServiceRequestRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(serviceRequests).where(inArray(serviceRequests.id, ids));
  }

  async update(tx: DbOrTx, id: string, changes: Partial<typeof serviceRequests.$inferInsert>): Promise<ServiceRequestRow> {
    const [row] = await tx
      .update(serviceRequests)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(serviceRequests.id, id))
      .returning();
    return row!;
  }

  /**
   * The requests a provider is invited to, newest invitation first, `limit + 1` rows: a range of
   * invitations_provider_idx joined to each request by its key (the invitations table is the
   * matching module's; this only reads it).
   */
  async invitedTo(
    filter: { providerId: string; status?: RequestStatus; after?: CreatedAtKeyset },
    limit: number,
  ): Promise<(ServiceRequestRow & { invitedAt: Date; invitationId: string })[]> {
    const cursor = filter.after && sql`and (i.invited_at, i.id) < (${new Date(filter.after.createdAt).toISOString()}::timestamptz, ${filter.after.id}::uuid)`;
    const rows = await this.db.execute<{ request_id: string; invited_at: string; invitation_id: string }>(sql`
      select i.request_id, i.invited_at, i.id as invitation_id
      from invitations i join service_requests r on r.id = i.request_id
      where i.provider_id = ${filter.providerId} ${filter.status ? sql`and r.status = ${filter.status}` : sql``} ${cursor ?? sql``}
      order by i.invited_at desc, i.id desc
      limit ${limit + 1}`);
    const requests = new Map((await this.byIds(rows.map((r) => r.request_id))).map((r) => [r.id, r]));
    return rows.map((r) => ({ ...requests.get(r.request_id)!, invitedAt: new Date(r.invited_at), invitationId: r.invitation_id }));
  }
}
