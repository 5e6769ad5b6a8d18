import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { createdAtCursor, createdAtKey, decodeCursor, toPage } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { EngagementMessageRow } from '../../db/schema/conversations.js';
import type { EngagementRow } from '../../db/schema/engagements.js';
import { FilesService } from '../files/files.service.js';
import type { FileView } from '../files/files.schemas.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { MessageBody, MessagesQuery, MessageView } from './conversations.schemas.js';
import { EngagementAccess, type Seat } from './engagement-access.js';
import { MessagesRepository } from './messages.repository.js';

/** Read state is per person: a session's person, else the token's subject, within its organisation. */
const readerOf = (caller: Caller) => `${caller.org}:${(caller as Caller & { personId?: string }).personId ?? caller.sub}`;

const isMediator = (seat: Seat) => seat === 'admin' || seat === 'officer';

/**
 * The conversation of an engagement (docs/api.md "Messages"): its enterprise and provider, and the
 * mediator — an admin, or an officer of the district subsidising it — while a dispute is open.
 */
@Injectable()
export class MessagesService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: MessagesRepository,
    private readonly access: EngagementAccess,
    private readonly files: FilesService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(caller: Caller, engagementId: string, query: MessagesQuery) {
    await this.seat(caller, engagementId);
    const after = decodeCursor(query.cursor, createdAtCursor);
    const [rows, readUntil] = await Promise.all([this.repo.page(engagementId, query.limit, after), this.repo.readUntil(engagementId, readerOf(caller))]);
    const files = await this.files.filesOf(
      'message',
      rows.map((r) => r.id),
    );
    const unreadCount = await this.repo.countUnread(engagementId, caller.org, readUntil);
    const view = (row: EngagementMessageRow) =>
      toMessageView(row, files.get(row.id) ?? [], row.authorOrg !== caller.org && (!readUntil || row.createdAt > readUntil));
    return { ...toPage(rows, query.limit, view, createdAtKey), unreadCount };
  }

  async post(caller: Caller, engagementId: string, body: MessageBody): Promise<MessageView> {
    const { row: engagement, seat } = await this.seat(caller, engagementId);
    if (isMediator(seat) && engagement.disputeStatus !== 'open') throw new DomainError('conflict', 'The mediator writes only while a dispute is open');
    const { message, files } = await this.db.transaction(async (tx) => {
      const message = await this.repo.insert(tx, { engagementId, authorRole: caller.role, authorOrg: caller.org, authorSub: caller.sub, text: body.text });
      const files = await this.files.attach(tx, caller, 'message', message.id, body.fileIds);
      await this.repo.markRead(tx, engagementId, readerOf(caller));
      const data = { engagementId, messageId: message.id };
      for (const org of recipientsOf(engagement, caller.org)) await this.notifications.notify(tx, { event: 'engagement.message', recipientOrg: org, data });
      return { message, files };
    });
    return toMessageView(message, files, false);
  }

  async markRead(caller: Caller, engagementId: string) {
    await this.seat(caller, engagementId);
    const readUntil = await this.db.transaction((tx) => this.repo.markRead(tx, engagementId, readerOf(caller)));
    return { readUntil: readUntil.toISOString(), unreadCount: await this.repo.countUnread(engagementId, caller.org, readUntil) };
  }

  /** For file access: whoever may read the conversation sees a message's files. */
  async maySeeMessage(caller: Caller, messageId: string): Promise<boolean> {
    const message = await this.repo.findById(messageId);
    if (!message) return false;
    return (await this.seatOrNull(caller, message.engagementId)) !== null;
  }

  private async seat(caller: Caller, engagementId: string): Promise<{ row: EngagementRow; seat: Seat }> {
    const found = await this.seatOrNull(caller, engagementId);
    if (!found) throw new DomainError('not_found');
    return found;
  }

  /** An officer joins only while the dispute is open; admins see everything (tenancy), and write only then. */
  private async seatOrNull(caller: Caller, engagementId: string): Promise<{ row: EngagementRow; seat: Seat } | null> {
    const found = await this.access.seatOf(caller, engagementId);
    if (found?.seat === 'officer' && found.row.disputeStatus !== 'open') return null;
    return found;
  }
}

function recipientsOf(engagement: EngagementRow, authorOrg: string): string[] {
  return [engagement.enterpriseId, engagement.providerId].filter((org) => org !== authorOrg);
}

function toMessageView(row: EngagementMessageRow, files: FileView[], unread: boolean): MessageView {
  return {
    id: row.id,
    engagementId: row.engagementId,
    author: { role: row.authorRole, org: row.authorOrg },
    text: row.text,
    files,
    unread,
    createdAt: row.createdAt.toISOString(),
  };
}
