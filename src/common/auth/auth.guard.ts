import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators.js';
import type { Caller, Role } from './caller.js';
import { TokenVerifier } from './token-verifier.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthenticatedRequest = Request & { caller?: Caller; id?: string };

/** Global guard: 401 without a valid token, 403 for a role the endpoint does not admit. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new DomainError('unauthenticated', 'A bearer token is required');
    const claims = await this.verifier.verify(token);
    if (!claims) throw new DomainError('unauthenticated', 'The token is invalid or expired');

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(claims.role)) {
      throw new DomainError('forbidden', `Role ${claims.role} may not call this endpoint`);
    }
    // A city coordinator reads its city and writes nothing (issue 28): every write is 403.
    if (claims.role === 'city_coordinator' && !READS.has(request.method)) {
      throw new DomainError('forbidden', 'A city coordinator reads its city and writes nothing');
    }
    request.caller = { ...claims, requestId: String(request.id ?? '') };
    return true;
  }
}
