import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { AuditService } from '../audit/audit.service.js';
import { InboxService } from '../inbox/inbox.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { LogChannel, type Notification } from './notification-channel.js';
import type { NotificationEvent } from './notification-events.js';
import { NotificationsRepository } from './notifications.repository.js';
import { refusedRegistration } from './outbound-guard.js';
import { postWebhook } from './webhook-channel.js';
import { JOBS } from '../../jobs/job-names.js';

export interface NotifyInput {
  event: NotificationEvent;
  recipientOrg: string | null;
  data: Record<string, unknown>;
}

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);
  private readonly log = new LogChannel();

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: NotificationsRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
    private readonly inbox: InboxService,
  ) {}

  /** Queues a notification in the caller's transaction; it is sent after commit. */
  async notify(tx: DbOrTx, input: NotifyInput): Promise<void> {
    await this.outbox.add(tx, 'notifications', JOBS.notifications.deliver, { ...input });
  }

  /** notify for several recipients at once (a matching run's invitations). */
  async notifyMany(tx: DbOrTx, inputs: NotifyInput[]): Promise<void> {
    await this.outbox.addMany(
      tx,
      'notifications',
      JOBS.notifications.deliver,
      inputs.map((input) => ({ ...input })),
    );
  }

  /**
   * Sends once per outbox event, to the recipient's webhook if it registered one, else to the
   * log. The delivery row is written after a successful send, keyed by the outbox id: a repeated
   * job finds it and sends nothing (only counting the attempt), a failed send leaves none and is
   * retried.
   */
  async deliver(notification: Notification): Promise<void> {
    if (await this.repo.countRepeat(notification.outboxId)) {
      this.logger.warn(`notification ${notification.outboxId} already delivered; not sent again`);
      return;
    }
    // The organisation's people first (idempotent): a receiver's webhook that keeps failing must not keep them waiting.
    await this.inbox.fanOut(notification);
    const endpoint = notification.recipientOrg ? await this.repo.endpointOf(notification.recipientOrg) : undefined;
    if (endpoint) await postWebhook(endpoint, notification, this.config.notificationsAllowPrivateNetworks);
    else await this.log.send(notification);
    await this.repo.recordDelivery({
      outboxId: notification.outboxId,
      event: notification.event,
      channel: endpoint ? 'webhook' : 'log',
      recipientOrg: notification.recipientOrg,
    });
  }

  /** The caller's organisation sets its webhook; a new signing secret is issued each time. */
  async setEndpoint(caller: Caller, url: string): Promise<{ url: string; secret: string }> {
    const refused = await refusedRegistration(new URL(url), this.config.notificationsAllowPrivateNetworks);
    if (refused) throw new DomainError('destination_refused', `Webhooks are only sent to public addresses: ${refused}`, [{ path: 'url', message: refused }]);
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    await this.db.transaction(async (tx) => {
      await this.repo.saveEndpoint(tx, { org: caller.org, url, secret });
      await this.audit.record(tx, caller, { action: 'notification_endpoint.set', entityType: 'organisation', entityId: caller.org, data: { url } });
    });
    return { url, secret };
  }

  async removeEndpoint(caller: Caller): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.repo.removeEndpoint(tx, caller.org);
      await this.audit.record(tx, caller, { action: 'notification_endpoint.removed', entityType: 'organisation', entityId: caller.org });
    });
  }
}
