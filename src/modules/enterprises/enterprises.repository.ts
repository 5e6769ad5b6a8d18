import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, ilike, inArray, like, or, type SQL } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import { afterCreatedAt } from '../../db/keyset.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { enterprises, type EnterpriseRow } from '../../db/schema/enterprises.js';

export type NewEnterprise = typeof enterprises.$inferInsert;

@Injectable()
export class EnterprisesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Inserts unless the id or USCC is taken; returns which one clashed instead of throwing. */
  async insert(tx: DbOrTx, row: NewEnterprise): Promise<EnterpriseRow | 'id_taken' | 'uscc_taken'> {
    const [created] = await tx.insert(enterprises).values(row).onConflictDoNothing().returning();
    if (created) return created;
    const [clash] = await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, row.id));
    return clash ? 'id_taken' : 'uscc_taken';
  }

  async findById(id: string, tx: DbOrTx = this.db): Promise<EnterpriseRow | undefined> {
    const [row] = await tx.select().from(enterprises).where(eq(enterprises.id, id));
    return row;
  }

  async lockById(tx: DbOrTx, id: string): Promise<EnterpriseRow | undefined> {
    const [row] = await tx.select().from(enterprises).where(eq(enterprises.id, id)).for('update');
    return row;
  }

  async setContact(tx: DbOrTx, id: string, contact: { name: string; email?: string; phone?: string }): Promise<EnterpriseRow> {
    const [row] = await tx
      .update(enterprises)
      .set({ contactName: contact.name, contactEmail: contact.email ?? null, contactPhone: contact.phone ?? null, updatedAt: new Date() })
      .where(eq(enterprises.id, id))
      .returning();
    return row!;
  }

  async confirmGroup(tx: DbOrTx, id: string, parentUscc: string, by: string): Promise<EnterpriseRow> {
    const now = new Date();
    const [row] = await tx
      .update(enterprises)
      .set({ confirmedParentUscc: parentUscc, groupConfirmedAt: now, groupConfirmedBy: by, updatedAt: now })
      .where(eq(enterprises.id, id))
      .returning();
    return row!;
  }

  async findByIds(ids: string[]): Promise<EnterpriseRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(enterprises).where(inArray(enterprises.id, ids));
  }

  async list(filter: { district?: string; id?: string; q?: string; after?: { createdAt: string; id: string } }, limit: number) {
    const conditions: (SQL | undefined)[] = [
      filter.district ? eq(enterprises.district, filter.district) : undefined,
      filter.id ? eq(enterprises.id, filter.id) : undefined,
      filter.q ? or(ilike(enterprises.name, `%${likeEscaped(filter.q)}%`), like(enterprises.uscc, `${likeEscaped(filter.q.toUpperCase())}%`)) : undefined,
      afterCreatedAt(enterprises, filter.after),
    ];
    return this.db
      .select()
      .from(enterprises)
      .where(and(...conditions))
      .orderBy(asc(enterprises.createdAt), asc(enterprises.id))
      .limit(limit + 1);
  }
}

/** `%`, `_` and a backslash typed by a user match themselves, not any text. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
