import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { needsTouch, sessionState } from '../../../libs/sessions/index.js';
import type { ResolvedSession, SessionResolver } from '../../common/auth/session-port.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import type { DbOrTx } from '../../db/database.js';
import { productRoleOf } from './membership-roles.js';
import { SessionsRepository } from './sessions.repository.js';

/** Only the hash is stored: a copy of the table does not hold a single usable cookie. */
export const sessionHashOf = (cookieValue: string): string => createHash('sha256').update(cookieValue).digest('hex');

/**
 * Server-side sessions (docs/api.md "Sessions"): a random id in the cookie, the person and the
 * active membership here; idle and absolute timeouts; ended at logout. Resolved on every call, so
 * a removed membership or an ended session stops the very next call.
 */
@Injectable()
export class SessionsService implements SessionResolver {
  constructor(
    private readonly repo: SessionsRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Starts a session; returns the cookie's value. */
  async start(tx: DbOrTx, session: { personId: string; activeMembershipId: string | null; idToken?: string }, now = new Date()): Promise<string> {
    const cookie = randomBytes(32).toString('base64url');
    await this.repo.insert(tx, {
      idHash: sessionHashOf(cookie),
      personId: session.personId,
      activeMembershipId: session.activeMembershipId,
      idToken: session.idToken ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.sessionAbsoluteMs),
    });
    return cookie;
  }

  async resolve(cookie: string, now = new Date()): Promise<ResolvedSession | null> {
    const sessionHash = sessionHashOf(cookie);
    const found = await this.repo.findWithPerson(sessionHash);
    if (!found || sessionState(found.session, { idleMs: this.config.auth.sessionIdleMs }, now) !== 'live') return null;
    if (needsTouch(found.session.lastSeenAt, now)) await this.repo.touch(sessionHash, now);
    const { person, membership } = found;
    return {
      sessionHash,
      person: { id: person.id, issuer: person.issuer, subject: person.subject, name: person.name, email: person.email, locale: person.locale },
      membership: membership
        ? {
            id: membership.id,
            organisationType: membership.organisationType,
            organisationId: membership.organisationId,
            role: productRoleOf(membership.organisationType),
            memberRole: membership.role,
          }
        : null,
    };
  }

  /** Ends the session behind the cookie; its id token, for the issuer's logout, if it had one. */
  async end(cookie: string, now = new Date()): Promise<{ idToken: string | null } | undefined> {
    return this.repo.end(sessionHashOf(cookie), now);
  }

  async switchMembership(tx: DbOrTx, sessionHash: string, membershipId: string): Promise<void> {
    await this.repo.setActiveMembership(tx, sessionHash, membershipId);
  }

  /** A newcomer's sessions act for the first organisation the person joins or registers. */
  async adoptMembership(tx: DbOrTx, personId: string, membershipId: string): Promise<void> {
    await this.repo.adoptMembership(tx, personId, membershipId);
  }
}
