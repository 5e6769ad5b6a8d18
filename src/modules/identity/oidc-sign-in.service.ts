import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { membershipsForGroups, parseGroupMemberships, safeReturnTo } from '../../../libs/sessions/index.js';
import type { Caller } from '../../common/auth/caller.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DB } from '../../db/db.module.js';
import type { Database, Tx } from '../../db/database.js';
import { ORGANISATION_TYPES, type OrganisationType, type PersonRow } from '../../db/schema/identity.js';
import { productRoleOf } from './membership-roles.js';
import { PeopleService } from './people.service.js';
import { SessionsService } from './sessions.service.js';
import { SignInAttemptsRepository } from './sign-in-attempts.repository.js';

type Claims = Record<string, unknown> & { iss: string; sub: string };

/**
 * Sign-in with the district's OpenID Provider, the server as the client (the "backend for
 * frontend" of the OAuth browser-apps BCP): Authorization Code with PKCE, state and nonce kept
 * here, tokens never reach the browser; only the id token is kept, for RP-initiated logout.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger(OidcSignInService.name);
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
    private readonly people: PeopleService,
    private readonly sessions: SessionsService,
    private readonly attempts: SignInAttemptsRepository,
  ) {}

  get redirectUri(): string {
    return `${this.config.publicBaseUrl.replace(/\/$/, '')}/auth/callback`;
  }

  /** The issuer's authorization URL for a new attempt, and the state the browser must come back with. */
  async begin(returnTo: string | undefined): Promise<{ url: string; state: string }> {
    const client = await this.client();
    const [codeVerifier, state, nonce] = [oidc.randomPKCECodeVerifier(), oidc.randomState(), oidc.randomNonce()];
    await this.attempts.insert({ state, codeVerifier, nonce, returnTo: safeReturnTo(returnTo) });
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: this.redirectUri,
      scope: this.config.auth.oidc!.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /** Finishes the attempt: the person (created at first sign-in from the id token's claims), a session, where to go. */
  async finish(callbackUrl: URL, browserState: string | undefined, requestId: string): Promise<{ cookie: string; returnTo: string }> {
    const state = callbackUrl.searchParams.get('state');
    if (!state || state !== browserState) throw new DomainError('unauthenticated', 'This sign-in did not start in this browser; sign in again');
    const attempt = await this.attempts.take(state);
    if (!attempt) throw new DomainError('unauthenticated', 'This sign-in has expired or was already used; sign in again');
    const client = await this.client();
    const tokens = await oidc
      .authorizationCodeGrant(client, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      })
      .catch((error: Error) => {
        throw new DomainError('unauthenticated', `The identity provider did not complete the sign-in: ${error.message}`);
      });
    let claims = tokens.claims() as Claims;
    if (!claims.name && !claims.email && client.serverMetadata().userinfo_endpoint) {
      claims = { ...(await oidc.fetchUserInfo(client, tokens.access_token, claims.sub)), ...claims };
    }
    const cookie = await this.db.transaction(async (tx) => {
      const person = await this.people.upsertPerson(tx, {
        issuer: claims.iss,
        subject: claims.sub,
        name: text(claims.name) ?? text(claims.preferred_username) ?? text(claims.email) ?? claims.sub,
        email: text(claims.email) ?? null,
        locale: text(claims.locale) ?? null,
      });
      await this.syncGroupMemberships(tx, person, claims, requestId);
      const [first] = await this.people.currentMemberships(person.id, tx);
      return this.sessions.start(tx, { personId: person.id, activeMembershipId: first?.id ?? null, idToken: tokens.id_token });
    });
    return { cookie, returnTo: attempt.returnTo };
  }

  /** The issuer's end-session URL for this id token, when the issuer offers RP-initiated logout. */
  async logoutUrl(idToken: string | null): Promise<string | null> {
    if (!this.config.auth.oidc || !idToken) return null;
    try {
      const client = await this.client();
      if (!client.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(client, { id_token_hint: idToken, post_logout_redirect_uri: `${this.config.publicBaseUrl.replace(/\/$/, '')}/` }).href;
    } catch (error) {
      this.logger.warn({ err: error }, 'the issuer cannot be reached for logout; the session here has ended');
      return null;
    }
  }

  /** Memberships from the issuer's groups (OIDC_GROUP_MEMBERSHIPS) follow the groups at every sign-in. */
  private async syncGroupMemberships(tx: Tx, person: PersonRow, claims: Claims, requestId: string): Promise<void> {
    const settings = this.config.auth.oidc!;
    if (!settings.groupsClaim || !settings.groupMemberships) return;
    const granted = membershipsForGroups(claims[settings.groupsClaim], parseGroupMemberships(settings.groupMemberships).mapping);
    const kept: string[] = [];
    for (const group of granted) {
      if (!(ORGANISATION_TYPES as readonly string[]).includes(group.organisationType)) continue;
      const organisationType = group.organisationType as OrganisationType;
      const actor: Caller = { sub: claims.sub, role: productRoleOf(organisationType), org: group.organisationId, requestId, personId: person.id };
      const row = await this.people.grant(tx, actor, {
        personId: person.id,
        organisationType,
        organisationId: group.organisationId,
        role: 'member',
        source: 'issuer',
      });
      kept.push(row.id);
    }
    await this.people.removeIssuerMembershipsExcept(tx, person.id, kept);
  }

  private client(): Promise<oidc.Configuration> {
    const settings = this.config.auth.oidc;
    if (!settings) throw new DomainError('not_found', 'Sign-in with an identity provider is not configured (OIDC_ISSUER)');
    // The development provider speaks http; a production issuer must be https.
    const insecure = settings.issuer.startsWith('http:') && this.config.env !== 'production';
    this.discovered ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: Error) => {
        this.discovered = null;
        throw new DomainError('dependency_unavailable', `The identity provider cannot be reached: ${error.message}`);
      });
    return this.discovered;
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
