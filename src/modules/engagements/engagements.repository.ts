import { Inject, Injectable } from '@nestjs/common';
import { eq, inArray, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { engagements, type EngagementRow } from '../../db/schema/engagements.js';

export type EngagementChanges = Partial<Omit<typeof engagements.$inferInsert, 'id' | 'requestId' | 'bidId' | 'price' | 'subsidy' | 'enterpriseShare'>>;

@Injectable()
export class EngagementsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: DbOrTx, row: typeof engagements.$inferInsert): Promise<EngagementRow> {
    const [created] = await tx.insert(engagements).values(row).returning();
    return created!;
  }

  async findById(id: string, tx: DbOrTx = this.db): Promise<EngagementRow | undefined> {
    const [row] = await tx.select().from(engagements).where(eq(engagements.id, id));
    return row;
  }

  async lockById(tx: DbOrTx, id: string): Promise<EngagementRow | undefined> {
    const [row] = await tx.select().from(engagements).where(eq(engagements.id, id)).for('update');
    return row;
  }

  async update(tx: DbOrTx, id: string, changes: EngagementChanges): Promise<EngagementRow> {
    const [row] = await tx
      .update(engagements)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(engagements.id, id))
      .returning();
    return row!;
  }

  async byIds(tx: DbOrTx, ids: string[]): Promise<EngagementRow[]> {
    if (ids.length === 0) return [];
    return tx.select().from(engagements).where(inArray(engagements.id, ids));
  }
}
