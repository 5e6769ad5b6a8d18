import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { RequestExclusionRow, ServiceRequestRow } from '../../db/schema/requests.js';
import { AuditService } from '../audit/audit.service.js';
import { InvitationsService } from '../matching/invitations.service.js';
import { MatchingService } from '../matching/matching.service.js';
import { ProvidersService } from '../providers/providers.service.js';
import { RequestExclusionsRepository } from './request-exclusions.repository.js';
import { toInvitationView } from './request-lists.service.js';
import { RequestsRepository } from './requests.repository.js';
import {
  createRequestBody,
  type ExcludeBody,
  type ExclusionView,
  type InvitationView,
  type InviteBody,
  type RequestView,
  type UpdateRequestBody,
} from './requests.schemas.js';
import { RequestsService, toRequestView } from './requests.service.js';

/** A draft as the body that would create it, for checking a changed draft by the same rules. */
function asBody(row: ServiceRequestRow) {
  return {
    title: row.title,
    description: row.description,
    category: row.category,
    services: row.services,
    countries: row.countries,
    sector: row.sector,
    budget: { min: { amount: row.budgetMin, currency: row.currency }, max: { amount: row.budgetMax, currency: row.currency } },
    languages: row.languages,
    biddingClosesAt: row.biddingClosesAt.toISOString(),
  };
}

/** The enterprise's changes to its own request: editing a draft, inviting a provider of its choosing (issue 25). */
@Injectable()
export class RequestEditsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: RequestsRepository,
    private readonly requests: RequestsService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    private readonly exclusions: RequestExclusionsRepository,
    private readonly matching: MatchingService,
    private readonly providers: ProvidersService,
  ) {}

  /** A draft changes under the rules of a new request (services of its category, budget, a future deadline); anything else is 409. */
  async edit(caller: Caller, id: string, changes: UpdateRequestBody): Promise<RequestView> {
    await this.requests.findOwned(caller, id);
    const row = await this.db.transaction(async (tx) => {
      const draft = (await this.repo.lockById(tx, id))!;
      if (draft.status !== 'draft') throw new DomainError('conflict', `A ${draft.status} request cannot be edited; only a draft can`);
      const parsed = createRequestBody.safeParse({ ...asBody(draft), ...changes });
      if (!parsed.success) throw DomainError.validation(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      const { budget, ...rest } = parsed.data;
      const edited = await this.repo.update(tx, id, { ...rest, currency: budget.min.currency, budgetMin: budget.min.amount, budgetMax: budget.max.amount });
      await this.audit.record(tx, caller, { action: 'request.edited', entityType: 'request', entityId: id, data: { fields: Object.keys(changes) } });
      return edited;
    });
    return toRequestView(row);
  }

  /**
   * The enterprise invites a provider it chose (from the directory) to its open request, if
   * matching would count the provider a candidate; audited, and the provider told as any invitee.
   */
  async invite(caller: Caller, id: string, body: InviteBody): Promise<InvitationView> {
    await this.requests.findOwned(caller, id);
    const invitation = await this.db.transaction(async (tx) => {
      // Shared: a publish, cancel or award (which take the row for update) waits, bids do not.
      const request = (await this.repo.lockById(tx, id, 'share'))!;
      if (request.status !== 'open') throw new DomainError('conflict', `A ${request.status} request takes no invitations; publish it first`);
      if ((await this.exclusions.providerIds(tx, id)).includes(body.providerId)) {
        throw new DomainError('provider_not_eligible', 'You excluded this provider from this request');
      }
      const invited = await this.invitations.inviteChosen(tx, request, body.providerId, new Date());
      await this.audit.record(tx, caller, {
        action: 'request.provider_invited',
        entityType: 'request',
        entityId: id,
        data: { providerId: body.providerId, invitationId: invited.id },
      });
      return invited;
    });
    return toInvitationView(invitation, null);
  }

  /**
   * The enterprise excludes a provider from its draft or open request: matching (at publish and
   * on a rematch) skips it and inviting it is refused. One already invited is 409: its invitation
   * stands. Taken under the request's row lock, so an invitation in flight finishes first.
   */
  async exclude(caller: Caller, id: string, body: ExcludeBody): Promise<ExclusionView> {
    await this.requests.findOwned(caller, id);
    await this.providers.get(caller, body.providerId);
    const row = await this.db.transaction(async (tx) => {
      const request = (await this.repo.lockById(tx, id))!;
      if (request.status !== 'draft' && request.status !== 'open') {
        throw new DomainError('conflict', `A ${request.status} request takes no exclusions`);
      }
      if (await this.matching.isInvited(id, body.providerId, tx)) {
        throw new DomainError('conflict', 'The provider is already invited to this request');
      }
      const excluded = await this.exclusions.insert(tx, { requestId: id, providerId: body.providerId, reason: body.reason });
      if (!excluded) throw new DomainError('conflict', 'The provider is already excluded from this request');
      await this.audit.record(tx, caller, {
        action: 'request.provider_excluded',
        entityType: 'request',
        entityId: id,
        data: { providerId: body.providerId, reason: body.reason },
      });
      return excluded;
    });
    return toExclusionView(row);
  }

  async exclusionsOf(caller: Caller, id: string): Promise<{ data: ExclusionView[]; nextCursor: null }> {
    await this.requests.findOwned(caller, id);
    return { data: (await this.exclusions.ofRequest(id)).map(toExclusionView), nextCursor: null };
  }
}

function toExclusionView(row: RequestExclusionRow): ExclusionView {
  return { requestId: row.requestId, providerId: row.providerId, reason: row.reason, excludedAt: row.excludedAt.toISOString() };
}
