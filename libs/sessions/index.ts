/**
 * The rules of a browser session (docs/api.md, "Sessions"): how long it lives, and which writes a
 * session cookie may make. Pure: the caller passes `now` and the request's headers.
 */

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export interface SessionLimits {
  idleMs: number;
}

export type SessionState = 'live' | 'ended' | 'idle' | 'expired';

/** A session ends at logout, after `idleMs` without a call, or at its absolute expiry, whichever comes first. */
export function sessionState(session: SessionTimes, limits: SessionLimits, now: Date): SessionState {
  if (session.endedAt) return 'ended';
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= limits.idleMs) return 'idle';
  return 'live';
}

/** Recording every call's time would write a row per request; a minute's precision is enough for an idle limit of minutes. */
export const TOUCH_EVERY_MS = 60_000;

export function needsTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface WriteOrigin {
  method: string;
  /** The `Sec-Fetch-Site` header, which browsers send on every request. */
  secFetchSite?: string;
  /** The `Origin` header. */
  origin?: string;
  /** The request's own `Host` header. */
  host?: string;
  /** Origins the web app is served from (PUBLIC_BASE_URL's). */
  trustedOrigins: readonly string[];
}

/**
 * Whether a write must be refused as cross-origin: the algorithm of Go's CrossOriginProtection.
 * A browser says where a request comes from in `Sec-Fetch-Site`; older ones only in `Origin`.
 * A request with neither header is not from a browser (curl, a server, a test), and a
 * cross-site forgery needs a browser to carry the victim's cookie, so it passes.
 */
export function refusesCrossOriginWrite(request: WriteOrigin): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (request.origin && request.trustedOrigins.includes(request.origin)) return false;
  if (request.secFetchSite) return request.secFetchSite !== 'same-origin' && request.secFetchSite !== 'none';
  if (!request.origin) return false;
  return !originMatchesHost(request.origin, request.host);
}

function originMatchesHost(origin: string, host: string | undefined): boolean {
  if (!host || origin === 'null') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Where a browser may be sent after sign-in: a path of this site only (`/console`, `/requests?x=1`),
 * never another origin (`//evil.example`, `https://…`, `/\evil`), so the login is no open redirect.
 */
export function safeReturnTo(returnTo: string | undefined): string {
  if (!returnTo || !returnTo.startsWith('/') || returnTo.startsWith('//') || /[\\\s]/.test(returnTo) || returnTo.length > 2000) return '/';
  return returnTo;
}

export interface GroupMembership {
  organisationType: string;
  organisationId: string;
}

/**
 * OIDC_GROUP_MEMBERSHIPS, `group=type:id` pairs separated by commas
 * (`xuhui-officers=district:xuhui,platform-admins=platform:platform`): which issuer groups give
 * which memberships. Returns the issues instead of throwing on a malformed pair.
 */
export function parseGroupMemberships(text: string | undefined): { mapping: Map<string, GroupMembership>; issues: string[] } {
  const mapping = new Map<string, GroupMembership>();
  const issues: string[] = [];
  for (const pair of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([^=]+)=([a-z_]+):([^:]+)$/.exec(pair);
    if (!match) issues.push(`"${pair}" is not group=type:id`);
    else mapping.set(match[1]!.trim(), { organisationType: match[2]!, organisationId: match[3]!.trim() });
  }
  return { mapping, issues };
}

/** The memberships a person's groups give (a claim may be a list or a single string). */
export function membershipsForGroups(groups: unknown, mapping: Map<string, GroupMembership>): GroupMembership[] {
  const names = Array.isArray(groups) ? groups : typeof groups === 'string' ? [groups] : [];
  return names.flatMap((name) => (typeof name === 'string' && mapping.has(name) ? [mapping.get(name)!] : []));
}
