import { Inject, Injectable, Logger } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { notificationDeliveries } from '../../db/schema/index.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { LogChannel, type Notification, type NotificationChannel } from './notification-channel.js';

export interface NotifyInput {
  event: string;
  recipientOrg: string | null;
  data: Record<string, unknown>;
}

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);
  private readonly channel: NotificationChannel = new LogChannel();

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly outbox: OutboxService,
  ) {}

  /** Queues a notification in the caller's transaction; it is sent after commit. */
  async notify(tx: DbOrTx, input: NotifyInput): Promise<void> {
    await this.outbox.add(tx, 'notifications', 'deliver', { ...input });
  }

  /**
   * Sends once per outbox event: the delivery row is keyed by the outbox id, so a repeated job
   * only counts an extra attempt and sends nothing.
   */
  async deliver(notification: Notification): Promise<void> {
    const [row] = await this.db
      .insert(notificationDeliveries)
      .values({
        outboxId: notification.outboxId,
        event: notification.event,
        channel: this.channel.name,
        recipientOrg: notification.recipientOrg,
      })
      .onConflictDoUpdate({
        target: notificationDeliveries.outboxId,
        set: { attempts: sql`${notificationDeliveries.attempts} + 1` },
      })
      .returning({ attempts: notificationDeliveries.attempts });
    if (row!.attempts > 1) {
      this.logger.warn(`notification ${notification.outboxId} already delivered; not sent again`);
      return;
    }
    await this.channel.send(notification);
  }
}
