import { Inject, Injectable } from '@nestjs/common';
import { and, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { inboxItems, mailDeliveries, notificationPreferences, type InboxItemRow } from '../../db/schema/inbox.js';

/** The inbox, the people's email preferences, and which emails have been sent. */
@Injectable()
export class InboxRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Inserts the items not there yet (per person and outbox event) and returns those it inserted. */
  async insertItems(tx: DbOrTx, items: (typeof inboxItems.$inferInsert)[]): Promise<InboxItemRow[]> {
    if (items.length === 0) return [];
    return tx.insert(inboxItems).values(items).onConflictDoNothing().returning();
  }

  async preferencesOf(tx: DbOrTx, personIds: string[]) {
    if (personIds.length === 0) return [];
    return tx.select().from(notificationPreferences).where(inArray(notificationPreferences.personId, personIds));
  }

  async preferenceOf(personId: string) {
    const [row] = await this.db.select().from(notificationPreferences).where(eq(notificationPreferences.personId, personId));
    return row;
  }

  async savePreference(personId: string, preference: { email: boolean; mutedEvents: string[] }) {
    await this.db
      .insert(notificationPreferences)
      .values({ personId, ...preference })
      .onConflictDoUpdate({ target: notificationPreferences.personId, set: { ...preference, updatedAt: new Date() } });
  }

  async list(personId: string, filter: { unread: boolean; before?: { createdAt: string; id: string } }, limit: number) {
    return this.db
      .select()
      .from(inboxItems)
      .where(
        and(
          eq(inboxItems.personId, personId),
          filter.unread ? isNull(inboxItems.readAt) : undefined,
          filter.before
            ? or(
                lt(inboxItems.createdAt, sql`${filter.before.createdAt}::timestamptz`),
                and(eq(inboxItems.createdAt, sql`${filter.before.createdAt}::timestamptz`), lt(inboxItems.id, filter.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(inboxItems.createdAt), desc(inboxItems.id))
      .limit(limit + 1);
  }

  async unreadCount(personId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(inboxItems)
      .where(and(eq(inboxItems.personId, personId), isNull(inboxItems.readAt)));
    return row?.n ?? 0;
  }

  /** Marks one item (or, without an id, every item) of the person read; returns how many changed. */
  async markRead(personId: string, id?: string): Promise<number> {
    const rows = await this.db
      .update(inboxItems)
      .set({ readAt: new Date() })
      .where(and(eq(inboxItems.personId, personId), id ? eq(inboxItems.id, id) : undefined, isNull(inboxItems.readAt)))
      .returning({ id: inboxItems.id });
    return rows.length;
  }

  async findItem(personId: string, id: string): Promise<InboxItemRow | undefined> {
    const [row] = await this.db
      .select()
      .from(inboxItems)
      .where(and(eq(inboxItems.personId, personId), eq(inboxItems.id, id)));
    return row;
  }

  /** Counts another attempt at an email already sent; false when it never was. */
  async countMailRepeat(key: string): Promise<boolean> {
    const [row] = await this.db
      .update(mailDeliveries)
      .set({ attempts: sql`${mailDeliveries.attempts} + 1` })
      .where(eq(mailDeliveries.key, key))
      .returning({ key: mailDeliveries.key });
    return row !== undefined;
  }

  async recordMail(delivery: { key: string; recipient: string; subject: string }): Promise<void> {
    await this.db
      .insert(mailDeliveries)
      .values(delivery)
      .onConflictDoUpdate({ target: mailDeliveries.key, set: { attempts: sql`${mailDeliveries.attempts} + 1` } });
  }
}
