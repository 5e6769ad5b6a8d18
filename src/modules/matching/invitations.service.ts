import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import type { DbOrTx, Tx } from '../../db/database.js';
import type { CreatedAtKeyset } from '../../db/keyset.js';
import type { InvitationRow } from '../../db/schema/matching.js';
import type { ServiceRequestRow } from '../../db/schema/requests.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ProvidersService } from '../providers/providers.service.js';
import { InvitationsRepository } from './invitations.repository.js';
import { NO_HISTORY, ProviderHistoryRepository } from './provider-history.repository.js';

export type { InvitationRow };

/**
 * Invitations outside a matching run: the enterprise's own choice of provider, under the
 * eligibility matching applies (docs/architecture.md "Matching"), and the provider's inbox.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly repo: InvitationsRepository,
    private readonly providers: ProvidersService,
    private readonly history: ProviderHistoryRepository,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Invites the provider the enterprise chose, if matching would have counted it a candidate:
   * vetted now, offering the category, a service and a country of the request, with free capacity.
   * It is told exactly as an invitation of a matching run (`request.invited`).
   */
  async inviteChosen(tx: Tx, request: ServiceRequestRow, providerId: string, now: Date): Promise<InvitationRow> {
    const [candidate] = await this.providers.matchCandidates(tx, {
      category: request.category,
      services: request.services,
      countries: request.countries,
      now,
      excludeId: request.enterpriseId,
      onlyId: providerId,
    });
    if (!candidate) {
      throw new DomainError('provider_not_eligible', "The provider is not vetted now or does not offer this request's category, services and countries");
    }
    const past = (await this.history.historyOf(tx, [providerId], request.countries)).get(providerId) ?? NO_HISTORY;
    if (past.openEngagements >= candidate.capacity) throw new DomainError('provider_not_eligible', 'The provider has no free capacity');
    const invitation = await this.repo.inviteChosen(tx, request.id, providerId, now);
    if (!invitation) throw new DomainError('conflict', 'The provider is already invited to this request');
    await this.notifications.notify(tx, { event: 'request.invited', recipientOrg: providerId, data: { requestId: request.id, title: request.title } });
    return invitation;
  }

  inbox(filter: { providerId: string; status?: 'open' | 'declined'; after?: CreatedAtKeyset }, limit: number): Promise<InvitationRow[]> {
    return this.repo.inbox(filter, limit);
  }

  findById(id: string): Promise<InvitationRow | undefined> {
    return this.repo.findById(id);
  }

  /** Declines once; a second decline (or one racing it) is 409. */
  async decline(tx: DbOrTx, id: string, reason: string, now: Date): Promise<InvitationRow> {
    const declined = await this.repo.decline(tx, id, reason, now);
    if (!declined) throw new DomainError('conflict', 'The invitation is already declined');
    return declined;
  }
}
