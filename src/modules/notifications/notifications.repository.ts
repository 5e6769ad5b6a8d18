import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { notificationDeliveries, notificationEndpoints } from '../../db/schema/notifications.js';

type NewDelivery = typeof notificationDeliveries.$inferInsert;

/** Organisations' webhook endpoints, and which outbox events have been delivered. */
@Injectable()
export class NotificationsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Counts another attempt at an event already delivered; false when it never was. */
  async countRepeat(outboxId: number): Promise<boolean> {
    const [done] = await this.db
      .update(notificationDeliveries)
      .set({ attempts: sql`${notificationDeliveries.attempts} + 1` })
      .where(eq(notificationDeliveries.outboxId, outboxId))
      .returning({ outboxId: notificationDeliveries.outboxId });
    return done !== undefined;
  }

  async recordDelivery(delivery: NewDelivery): Promise<void> {
    await this.db
      .insert(notificationDeliveries)
      .values(delivery)
      .onConflictDoUpdate({ target: notificationDeliveries.outboxId, set: { attempts: sql`${notificationDeliveries.attempts} + 1` } });
  }

  async saveEndpoint(tx: DbOrTx, endpoint: { org: string; url: string; secret: string }): Promise<void> {
    await tx
      .insert(notificationEndpoints)
      .values(endpoint)
      .onConflictDoUpdate({ target: notificationEndpoints.org, set: { url: endpoint.url, secret: endpoint.secret, updatedAt: new Date() } });
  }

  async removeEndpoint(tx: DbOrTx, org: string): Promise<void> {
    await tx.delete(notificationEndpoints).where(eq(notificationEndpoints.org, org));
  }

  async endpointOf(org: string) {
    const [row] = await this.db.select().from(notificationEndpoints).where(eq(notificationEndpoints.org, org));
    return row;
  }
}
