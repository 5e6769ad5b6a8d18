import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import type { ResolvedSession } from '../../common/auth/session-port.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DB } from '../../db/db.module.js';
import type { Database, DbOrTx } from '../../db/database.js';
import type { MemberRole, OrganisationMembershipRow, OrganisationType, PersonRow } from '../../db/schema/identity.js';
import { AuditService } from '../audit/audit.service.js';
import type { MeView } from './identity.schemas.js';
import { productRoleOf } from './membership-roles.js';
import { OrganisationNamesReadModel } from './organisation-names.read-model.js';
import { PeopleRepository } from './people.repository.js';
import { SessionsService } from './sessions.service.js';

/** People, the organisations they belong to, and which one a session acts for (docs/api.md "People and sessions"). */
@Injectable()
export class PeopleService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repo: PeopleRepository,
    private readonly sessions: SessionsService,
    private readonly names: OrganisationNamesReadModel,
    private readonly audit: AuditService,
  ) {}

  async me(personId: string, activeMembershipId: string | null): Promise<MeView> {
    const person = await this.repo.findById(personId);
    if (!person) throw new DomainError('unauthenticated', 'The person of this session no longer exists');
    return this.viewOf(person, await this.repo.currentMemberships(personId), activeMembershipId);
  }

  /** The session acts for another of the person's memberships from its next call. */
  async switchMembership(session: ResolvedSession, membershipId: string): Promise<MeView> {
    const membership = await this.repo.currentMembership(membershipId);
    if (!membership || membership.personId !== session.person.id) throw new DomainError('not_found', 'You hold no such membership');
    await this.sessions.switchMembership(this.db, session.sessionHash, membershipId);
    return this.me(session.person.id, membershipId);
  }

  /**
   * A person who registered an organisation owns it. Called by the enterprises and providers
   * services in the registration's transaction, for callers that carry a session.
   */
  async addOwner(tx: DbOrTx, caller: Caller, organisation: { type: OrganisationType; id: string }): Promise<void> {
    if (!caller.personId) return;
    const membership = await this.grant(tx, caller, {
      personId: caller.personId,
      organisationType: organisation.type,
      organisationId: organisation.id,
      role: 'owner',
    });
    await this.sessions.adoptMembership(tx, caller.personId, membership.id);
  }

  /** Adds the membership (if the person does not hold it yet) and audits it. */
  async grant(
    tx: DbOrTx,
    actor: Caller,
    membership: { personId: string; organisationType: OrganisationType; organisationId: string; role: MemberRole; source?: string },
  ): Promise<OrganisationMembershipRow> {
    const { row, created } = await this.repo.ensureMembership(tx, membership);
    if (created) {
      await this.audit.record(tx, actor, {
        action: 'organisation_member.added',
        entityType: membership.organisationType,
        entityId: membership.organisationId,
        data: { personId: membership.personId, membershipId: row.id, role: membership.role, source: membership.source ?? 'seaward' },
      });
    }
    return row;
  }

  async upsertPerson(tx: DbOrTx, claims: Parameters<PeopleRepository['upsert']>[1]): Promise<PersonRow> {
    return this.repo.upsert(tx, claims);
  }

  async currentMemberships(personId: string, tx?: DbOrTx): Promise<OrganisationMembershipRow[]> {
    return this.repo.currentMemberships(personId, tx);
  }

  private async viewOf(person: PersonRow, memberships: OrganisationMembershipRow[], activeMembershipId: string | null): Promise<MeView> {
    const names = await this.names.namesOf(memberships);
    const active = memberships.find((m) => m.id === activeMembershipId);
    return {
      person: { id: person.id, name: person.name, email: person.email, locale: person.locale },
      memberships: memberships.map((m) => ({
        id: m.id,
        organisationType: m.organisationType,
        organisationId: m.organisationId,
        organisationName: names.get(`${m.organisationType}:${m.organisationId}`) ?? null,
        role: productRoleOf(m.organisationType),
        memberRole: m.role,
      })),
      activeMembershipId: active?.id ?? null,
      role: active ? productRoleOf(active.organisationType) : null,
      org: active?.organisationId ?? null,
    };
  }

  /** Ends issuer-granted memberships the person's groups no longer give; audited. */
  async removeIssuerMembershipsExcept(tx: DbOrTx, personId: string, keepIds: string[]): Promise<void> {
    for (const removed of await this.repo.removeIssuerMembershipsExcept(tx, personId, keepIds, new Date())) {
      const actor: Caller = { sub: 'issuer', role: productRoleOf(removed.organisationType), org: removed.organisationId, requestId: '', personId };
      await this.audit.record(tx, actor, {
        action: 'organisation_member.removed',
        entityType: removed.organisationType,
        entityId: removed.organisationId,
        data: { personId, membershipId: removed.id, source: 'issuer' },
      });
    }
  }
}
