import { Inject, Injectable } from '@nestjs/common';
import { deepLinkOf, eventTitle } from '../../../libs/mail-templates/index.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { InboxItemRow } from '../../db/schema/inbox.js';
import { JOBS, type MailJob } from '../../jobs/job-names.js';
import { PeopleService } from '../identity/people.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { InboxQuery, PreferencesBody } from './inbox.schemas.js';
import { InboxRepository } from './inbox.repository.js';

/** A notification as its job carries it (src/modules/notifications/notification-channel.ts). */
export interface FannedOutNotification {
  outboxId: number;
  event: string;
  recipientOrg: string | null;
  data: Record<string, unknown>;
}

/**
 * Every notification reaches the people of the notified organisation: an inbox item each, and an
 * email to those whose preferences want it (docs/api.md "Inbox and email").
 */
@Injectable()
export class InboxService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: InboxRepository,
    private readonly people: PeopleService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Idempotent per outbox event: the items are unique per person and event, and an email is queued
   * only with an item inserted in the same transaction, so a repeated job adds nothing.
   */
  async fanOut(notification: FannedOutNotification): Promise<void> {
    const recipients = await this.people.recipientsOf(notification.recipientOrg ?? 'platform');
    if (recipients.length === 0) return;
    await this.db.transaction(async (tx) => {
      const created = await this.repo.insertItems(
        tx,
        recipients.map((r) => ({
          personId: r.personId,
          outboxId: notification.outboxId,
          event: notification.event,
          recipientOrg: notification.recipientOrg,
          data: notification.data,
        })),
      );
      const preferences = new Map(
        (
          await this.repo.preferencesOf(
            tx,
            created.map((item) => item.personId),
          )
        ).map((p) => [p.personId, p]),
      );
      const mails: MailJob[] = created.flatMap((item) => {
        const email = recipients.find((r) => r.personId === item.personId)?.email;
        const preference = preferences.get(item.personId);
        if (!email || preference?.email === false || preference?.mutedEvents.includes(item.event)) return [];
        return [{ key: `inbox:${item.id}`, to: email, template: 'notification' as const, data: { event: item.event, data: item.data } }];
      });
      await this.outbox.addMany(tx, 'mail', JOBS.mail.send, mails);
    });
  }

  async list(personId: string, query: InboxQuery) {
    const before = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.repo.list(personId, { unread: query.unread === 'true', before }, query.limit);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map((row) => this.viewOf(row)),
      unreadCount: await this.repo.unreadCount(personId),
      nextCursor:
        rows.length > query.limit && last ? Buffer.from(JSON.stringify({ createdAt: last.createdAt.toISOString(), id: last.id })).toString('base64url') : null,
    };
  }

  async markRead(personId: string, id: string) {
    await this.repo.markRead(personId, id);
    const item = await this.repo.findItem(personId, id);
    if (!item) throw new DomainError('not_found');
    return this.viewOf(item);
  }

  async markAllRead(personId: string): Promise<{ marked: number }> {
    return { marked: await this.repo.markRead(personId) };
  }

  async preferences(personId: string): Promise<PreferencesBody> {
    const row = await this.repo.preferenceOf(personId);
    return { email: row?.email ?? true, mutedEvents: row?.mutedEvents ?? [] };
  }

  async setPreferences(personId: string, body: PreferencesBody): Promise<PreferencesBody> {
    await this.repo.savePreference(personId, body);
    return body;
  }

  private viewOf(row: InboxItemRow) {
    return {
      id: row.id,
      event: row.event,
      title: eventTitle(row.event),
      link: deepLinkOf(row.data, this.config.publicBaseUrl),
      recipientOrg: row.recipientOrg,
      data: row.data,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    };
  }
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { createdAt?: unknown; id?: unknown };
    if (
      typeof parsed.createdAt === 'string' &&
      !Number.isNaN(Date.parse(parsed.createdAt)) &&
      typeof parsed.id === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed.id)
    ) {
      return { createdAt: parsed.createdAt, id: parsed.id };
    }
  } catch {
    // falls through to the validation error
  }
  throw DomainError.validation([{ path: 'cursor', message: 'is not a cursor this endpoint gave out' }]);
}
