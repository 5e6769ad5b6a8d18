import { Inject, Injectable } from '@nestjs/common';
import { tokenClaims, type Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { fieldErrors } from '../../common/validation/schema.pipe.js';
import { DB } from '../../db/db.module.js';
import type { Database } from '../../db/database.js';
import type { DevSessionBody, MeView } from './identity.schemas.js';
import { organisationTypeOf } from './membership-roles.js';
import { PeopleService } from './people.service.js';
import { SessionsService } from './sessions.service.js';

export const DEV_ISSUER = 'seaward-dev';

/** Signing in and out: development sessions here, the OpenID Connect flow in oidc-sign-in.service.ts. */
@Injectable()
export class SignInService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly people: PeopleService,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * A session for a person holding the membership (AUTH_DEV_TOKENS only): the same email again
   * is the same person, so one person can collect several memberships.
   */
  async devSession(body: DevSessionBody, requestId: string): Promise<{ cookie: string; me: MeView }> {
    const claims = tokenClaims.safeParse({ sub: body.email ?? `dev:${body.role}:${body.org}`, role: body.role, org: body.org });
    if (!claims.success) throw DomainError.validation(fieldErrors(claims.error));
    const { sub, role, org } = claims.data;
    const { cookie, personId, membershipId } = await this.db.transaction(async (tx) => {
      const person = await this.people.upsertPerson(tx, {
        issuer: DEV_ISSUER,
        subject: sub,
        name: body.name ?? `${role} ${org}`,
        email: body.email ?? null,
        locale: null,
      });
      const actor: Caller = { sub, role, org, requestId, personId: person.id };
      const organisationType = organisationTypeOf(role);
      const owns = organisationType !== 'district' && organisationType !== 'platform' && organisationType !== 'city';
      const membership = await this.people.grant(tx, actor, {
        personId: person.id,
        organisationType,
        organisationId: org,
        role: owns ? 'owner' : 'member',
        source: 'development',
      });
      const cookie = await this.sessions.start(tx, { personId: person.id, activeMembershipId: membership.id });
      return { cookie, personId: person.id, membershipId: membership.id };
    });
    return { cookie, me: await this.people.me(personId, membershipId) };
  }

  /** Ends the session behind the cookie (a no-op for an unknown or ended one); its id token, for the issuer's logout. */
  async signOut(cookie: string | undefined): Promise<{ idToken: string | null }> {
    if (!cookie) return { idToken: null };
    return (await this.sessions.end(cookie)) ?? { idToken: null };
  }
}
