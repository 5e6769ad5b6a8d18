import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, lte } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
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
}
