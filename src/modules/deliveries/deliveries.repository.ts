import { Inject, Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { deliveries, type DeliveryRow } from '../../db/schema/deliveries.js';

@Injectable()
export class DeliveriesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: typeof deliveries.$inferInsert): Promise<DeliveryRow> {
    const [created] = await tx.insert(deliveries).values(row).returning();
    return created!;
  }

  async findById(id: string): Promise<DeliveryRow | undefined> {
    const [row] = await this.db.select().from(deliveries).where(eq(deliveries.id, id));
    return row;
  }

  async ofEngagement(engagementId: string): Promise<DeliveryRow[]> {
    return this.db.select().from(deliveries).where(eq(deliveries.engagementId, engagementId)).orderBy(asc(deliveries.createdAt), asc(deliveries.id));
  }
}
