import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { actsFor } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { createdAtCursor, decodeCursor, toPage, type Page } from '../../common/http/pagination.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { ServiceRequestRow } from '../../db/schema/requests.js';
import { AuditService } from '../audit/audit.service.js';
import { InvitationsService, type InvitationRow } from '../matching/invitations.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { RequestsRepository } from './requests.repository.js';
import type { DeclineBody, InvitationView, ListInvitationsQuery, ListRequestsQuery, RequestView } from './requests.schemas.js';
import { toRequestView } from './requests.service.js';

export function toInvitationView(row: InvitationRow, request: ServiceRequestRow | null): InvitationView {
  return {
    id: row.id,
    requestId: row.requestId,
    providerId: row.providerId,
    source: row.source,
    status: row.declinedAt ? 'declined' : 'open',
    invitedAt: row.invitedAt.toISOString(),
    declinedAt: row.declinedAt?.toISOString() ?? null,
    declineReason: row.declineReason,
    request: request && {
      title: request.title,
      category: request.category,
      countries: request.countries,
      status: request.status,
      biddingClosesAt: request.biddingClosesAt.toISOString(),
    },
  };
}

/**
 * The marketplace's own lists (issue 25): an enterprise's requests, a provider's requests and
 * inbox. Each is scoped to the caller's organisation in its query, newest first, keyset-paged.
 */
@Injectable()
export class RequestListsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: RequestsRepository,
    private readonly invitations: InvitationsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** An enterprise's own requests; a provider's, the requests it is invited to (ordered by the invitation). */
  async list(caller: Caller, query: ListRequestsQuery): Promise<Page<RequestView>> {
    const after = decodeCursor(query.cursor, createdAtCursor);
    if (caller.role === 'provider') {
      const rows = await this.repo.invitedTo({ providerId: caller.org, status: query.status, after }, query.limit);
      return toPage(rows, query.limit, toRequestView, (r) => ({ createdAt: r.invitedAt.toISOString(), id: r.invitationId }));
    }
    const rows = await this.repo.ofEnterprise({ enterpriseId: caller.org, status: query.status, after }, query.limit);
    return toPage(rows, query.limit, toRequestView, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  }

  /** The provider's inbox, newest first, each with the request as the provider may see it. */
  async inbox(caller: Caller, query: ListInvitationsQuery): Promise<Page<InvitationView>> {
    const after = decodeCursor(query.cursor, createdAtCursor);
    const rows = await this.invitations.inbox({ providerId: caller.org, status: query.status, after }, query.limit);
    const requests = new Map((await this.repo.byIds(rows.slice(0, query.limit).map((r) => r.requestId))).map((r) => [r.id, r]));
    return toPage(
      rows,
      query.limit,
      (r) => toInvitationView(r, requests.get(r.requestId) ?? null),
      (r) => ({ createdAt: r.invitedAt.toISOString(), id: r.id }),
    );
  }

  /** The invited provider declines with a reason; the enterprise is told. Anyone else: 404. */
  async decline(caller: Caller, id: string, body: DeclineBody): Promise<InvitationView> {
    const invitation = await this.invitations.findById(id);
    if (!invitation || !actsFor(caller, invitation.providerId, 'provider')) throw new DomainError('not_found');
    const request = (await this.repo.findById(invitation.requestId))!;
    const declined = await this.db.transaction(async (tx) => {
      const row = await this.invitations.decline(tx, id, body.reason, new Date());
      await this.audit.record(tx, caller, { action: 'invitation.declined', entityType: 'request', entityId: row.requestId, data: { invitationId: id } });
      await this.notifications.notify(tx, {
        event: 'invitation.declined',
        recipientOrg: request.enterpriseId,
        data: { requestId: request.id, providerId: row.providerId, reason: body.reason },
      });
      return row;
    });
    return toInvitationView(declined, request);
  }
}
