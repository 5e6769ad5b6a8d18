import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { refusesCrossOriginWrite } from '../../../libs/sessions/index.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import { DomainError } from '../errors/domain-error.js';
import { PERSON_ROUTE_KEY, PUBLIC_KEY, REGISTERS_KEY, ROLES_KEY } from './auth.decorators.js';
import type { Caller, Role } from './caller.js';
import { cookieValue, SESSION_COOKIE, SESSION_RESOLVER, type ResolvedSession, type SessionResolver } from './session-port.js';
import { TokenVerifier } from './token-verifier.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The handler and its class, where route metadata is read. */
type Targets = [ReturnType<ExecutionContext['getHandler']>, ReturnType<ExecutionContext['getClass']>];

export type AuthenticatedRequest = Request & { caller?: Caller; session?: ResolvedSession; id?: string };

/**
 * Global guard: a bearer token or a session cookie; 401 without a valid one, 403 for a role the
 * endpoint does not admit, and 403 for a cookie-carrying write from another origin.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly trustedOrigins: string[];

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(CONFIG) config: Config,
    @Optional() @Inject(SESSION_RESOLVER) private readonly sessions?: SessionResolver,
  ) {
    this.trustedOrigins = [new URL(config.publicBaseUrl).origin];
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    // A bearer token is not sent by a browser on its own, so only cookie-borne writes need the check.
    if (!request.headers.authorization) this.refuseCrossOrigin(request);
    const targets: Targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    if (bearer) return this.admitBearer(request, bearer, targets);
    const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (!cookie || !this.sessions) throw new DomainError('unauthenticated', 'A bearer token or a session is required');
    const session = await this.sessions.resolve(cookie);
    if (!session) throw new DomainError('unauthenticated', 'The session has ended; sign in again');
    request.session = session;
    return this.admitSession(request, session, targets);
  }

  private async admitBearer(request: AuthenticatedRequest, token: string, targets: Targets): Promise<boolean> {
    const claims = await this.verifier.verify(token);
    if (!claims) throw new DomainError('unauthenticated', 'The token is invalid or expired');
    if (this.reflector.getAllAndOverride<boolean>(PERSON_ROUTE_KEY, targets)) {
      throw new DomainError('forbidden', 'This endpoint is for signed-in people (a session), not bearer tokens');
    }
    this.requireRole(claims.role, targets, request.method);
    request.caller = { ...claims, requestId: String(request.id ?? '') };
    return true;
  }

  private admitSession(request: AuthenticatedRequest, session: ResolvedSession, targets: Targets): boolean {
    const { person, membership } = session;
    const requestId = String(request.id ?? '');
    const registers = this.reflector.get<'enterprise' | 'provider' | undefined>(REGISTERS_KEY, targets[0]);
    if (registers && membership?.role !== 'admin' && membership?.role !== registers) {
      // Registering acts for the organisation about to exist; the service makes the person its owner.
      request.caller = { sub: person.subject, role: registers, org: randomUUID(), requestId, personId: person.id };
      return true;
    }
    if (membership) {
      request.caller = {
        sub: person.subject,
        role: membership.role,
        org: membership.organisationId,
        requestId,
        personId: person.id,
        membershipId: membership.id,
      };
    }
    if (this.reflector.getAllAndOverride<boolean>(PERSON_ROUTE_KEY, targets)) return true;
    if (!membership) throw new DomainError('forbidden', 'Choose an organisation to act for first (PUT /v1/me/active-membership), or register one');
    this.requireRole(membership.role, targets, request.method);
    return true;
  }

  private requireRole(role: Role, targets: Targets, method: string): void {
    // A city coordinator reads its city and writes nothing (issue 28): every write is 403.
    if (role === 'city_coordinator' && !READS.has(method)) throw new DomainError('forbidden', 'A city coordinator reads its city and writes nothing');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(role)) throw new DomainError('forbidden', `Role ${role} may not call this endpoint`);
  }

  private refuseCrossOrigin(request: AuthenticatedRequest): void {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const refused = refusesCrossOriginWrite({
      method: request.method,
      secFetchSite: header('sec-fetch-site'),
      origin: header('origin'),
      host: header('host'),
      trustedOrigins: this.trustedOrigins,
    });
    if (refused) throw new DomainError('forbidden', 'A write from another origin is refused');
  }
}
