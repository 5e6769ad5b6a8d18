import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Caller, Role } from './caller.js';
import type { ResolvedSession } from './session-port.js';

export const PUBLIC_KEY = 'seaward:public';
export const ROLES_KEY = 'seaward:roles';

/** No token needed (health, reference data, dev tokens). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Roles that may call the endpoint; others get 403. Without it, any authenticated role may. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<{ caller?: Caller }>();
  if (!request.caller) throw new Error('CurrentCaller used on a public route');
  return request.caller;
});

export const PERSON_ROUTE_KEY = 'seaward:person-route';
export const REGISTERS_KEY = 'seaward:registers';

/** For signed-in people (a session cookie), with or without an active membership: /v1/me and its kin. */
export const PersonRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PERSON_ROUTE_KEY, true);

/**
 * The route registers a new organisation of this kind. A signed-in person (not an admin) calling
 * it acts for a new organisation id, and the service makes the person its owner.
 */
export const RegistersOrganisation = (role: 'enterprise' | 'provider'): MethodDecorator => SetMetadata(REGISTERS_KEY, role);

export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): ResolvedSession => {
  const request = context.switchToHttp().getRequest<{ session?: ResolvedSession }>();
  if (!request.session) throw new Error('CurrentSession used on a route without a session');
  return request.session;
});
