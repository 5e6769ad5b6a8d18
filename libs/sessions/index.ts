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
