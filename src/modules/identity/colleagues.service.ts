import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import type { ResolvedSession } from '../../common/auth/session-port.js';
import { isAdmin } from '../../common/auth/tenancy.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { OrganisationType } from '../../db/schema/identity.js';
import { JOBS } from '../../jobs/job-names.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { InvitationBody } from './colleagues.schemas.js';
import type { MeView } from './identity.schemas.js';
import { InvitationsRepository } from './invitations.repository.js';
import { organisationTypeOf, productRoleOf } from './membership-roles.js';
import { OrganisationNamesReadModel } from './organisation-names.read-model.js';
import { PeopleRepository } from './people.repository.js';
import { PeopleService } from './people.service.js';
import { sessionHashOf, SessionsService } from './sessions.service.js';

/**
 * Colleagues (docs/api.md "Colleagues"): owners invite by email with a single-use link that
 * expires, the invitee accepts after signing in; owners list and remove members. Platform admins
 * do the same for any organisation (officers, managers). Every change is audited.
 */
@Injectable()
export class ColleaguesService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
    private readonly invitations: InvitationsRepository,
    private readonly peopleRepo: PeopleRepository,
    private readonly people: PeopleService,
    private readonly sessions: SessionsService,
    private readonly names: OrganisationNamesReadModel,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async invite(caller: Caller, organisationId: string, body: InvitationBody) {
    const organisationType = await this.authorise(caller, organisationId, body.organisationType, true);
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const organisationName = (await this.names.namesOf([{ organisationType, organisationId }])).get(`${organisationType}:${organisationId}`) ?? organisationId;
    const inviterName = caller.personId ? ((await this.peopleRepo.findById(caller.personId))?.name ?? caller.sub) : caller.sub;
    const row = await this.db.transaction(async (tx) => {
      const invitation = await this.invitations.insert(tx, {
        tokenHash: sessionHashOf(token),
        organisationType,
        organisationId,
        email: body.email.toLowerCase(),
        role: body.role,
        invitedBy: caller.sub,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.auth.invitationTtlMs),
      });
      await this.audit.record(tx, caller, {
        action: 'invitation.sent',
        entityType: organisationType,
        entityId: organisationId,
        data: { invitationId: invitation.id, email: invitation.email, role: invitation.role },
      });
      // The link carries the only copy of the token outside this row's hash; it leaves with the email.
      const link = `${this.config.publicBaseUrl.replace(/\/$/, '')}/invitations/accept?token=${token}`;
      await this.outbox.add(tx, 'mail', JOBS.mail.send, {
        key: `invitation:${invitation.id}`,
        to: invitation.email,
        template: 'invitation',
        data: { organisationName, inviterName, link, expiresAt: invitation.expiresAt.toISOString() },
      });
      return invitation;
    });
    return { id: row.id, email: row.email, role: row.role, organisationType, organisationId, expiresAt: row.expiresAt.toISOString() };
  }

  /** The signed-in person joins the organisation of the invitation, and acts for it from now on. */
  async accept(session: ResolvedSession, token: string, requestId: string): Promise<MeView> {
    const invitation = await this.invitations.findByTokenHash(sessionHashOf(token));
    if (!invitation) throw new DomainError('not_found', 'No such invitation');
    const membership = await this.db.transaction(async (tx) => {
      const accepted = await this.invitations.accept(tx, invitation.id, session.person.id, new Date());
      if (!accepted) throw new DomainError('conflict', 'This invitation was already used or has expired; ask for a new one');
      const actor: Caller = {
        sub: session.person.subject,
        role: productRoleOf(invitation.organisationType),
        org: invitation.organisationId,
        requestId,
        personId: session.person.id,
      };
      const row = await this.people.grant(tx, actor, {
        personId: session.person.id,
        organisationType: invitation.organisationType,
        organisationId: invitation.organisationId,
        role: invitation.role,
        source: 'invitation',
      });
      await this.audit.record(tx, actor, {
        action: 'invitation.accepted',
        entityType: invitation.organisationType,
        entityId: invitation.organisationId,
        data: { invitationId: invitation.id },
      });
      await this.sessions.switchMembership(tx, session.sessionHash, row.id);
      return row;
    });
    return this.people.me(session.person.id, membership.id);
  }

  async members(caller: Caller, organisationId: string, organisationType?: OrganisationType) {
    const type = await this.authorise(caller, organisationId, organisationType, false);
    const rows = await this.peopleRepo.membersOf(organisationId, type);
    return {
      data: rows.map(({ membership, person }) => ({
        personId: person.id,
        membershipId: membership.id,
        name: person.name,
        email: person.email,
        memberRole: membership.role,
        since: membership.createdAt.toISOString(),
      })),
    };
  }

  /** The removed person's sessions stop acting for the organisation at their very next call (they are resolved per call). */
  async remove(caller: Caller, organisationId: string, personId: string, organisationType?: OrganisationType): Promise<void> {
    const type = await this.authorise(caller, organisationId, organisationType, true);
    await this.db.transaction(async (tx) => {
      const members = await this.peopleRepo.membersOf(organisationId, type, tx);
      const leaving = members.find((m) => m.person.id === personId);
      if (!leaving) throw new DomainError('not_found', 'No such member');
      if (leaving.membership.role === 'owner' && members.filter((m) => m.membership.role === 'owner').length === 1) {
        throw new DomainError('conflict', 'The last owner cannot be removed; make another member an owner first');
      }
      await this.peopleRepo.removeMembership(tx, personId, type, organisationId, new Date());
      await this.audit.record(tx, caller, {
        action: 'organisation_member.removed',
        entityType: type,
        entityId: organisationId,
        data: { personId, membershipId: leaving.membership.id },
      });
    });
  }

  /**
   * The kind of the organisation, if the caller may manage it: admins name any; others act for it
   * (another tenant's is 404), and only its owners change its members.
   */
  private async authorise(caller: Caller, organisationId: string, requested: OrganisationType | undefined, ownersOnly: boolean): Promise<OrganisationType> {
    if (isAdmin(caller) && caller.org !== organisationId) {
      if (!requested) throw DomainError.validation([{ path: 'organisationType', message: 'is required when an admin manages another organisation' }]);
      return requested;
    }
    if (caller.org !== organisationId) throw new DomainError('not_found');
    if (ownersOnly && caller.membershipId) {
      const membership = await this.peopleRepo.currentMembership(caller.membershipId);
      if (membership?.role !== 'owner') throw new DomainError('forbidden', "Only the organisation's owners manage its members");
    }
    return organisationTypeOf(caller.role);
  }
}
