import type { Role } from './caller.js';

/** The browser's session cookie (httpOnly, SameSite=Lax; docs/api.md "Sessions"). */
export const SESSION_COOKIE = 'seaward_session';

/** The identity module answers this: the guard in common/ knows sessions only through it. */
export const SESSION_RESOLVER = Symbol('SESSION_RESOLVER');

export interface SessionMembership {
  id: string;
  organisationType: string;
  organisationId: string;
  /** The product role the membership gives (enterprise, provider, district_officer, …). */
  role: Role;
  memberRole: 'owner' | 'member';
}

/** A live session: its person, and the membership it acts through (none yet for a newcomer). */
export interface ResolvedSession {
  sessionHash: string;
  person: { id: string; issuer: string; subject: string; name: string; email: string | null; locale: string };
  membership: SessionMembership | null;
}

export interface SessionResolver {
  /** The live session of a cookie value; null when unknown, ended, idle or expired. */
  resolve(cookieValue: string): Promise<ResolvedSession | null>;
}

/** The value of one cookie in a Cookie header (RFC 6265 pairs separated by ";"). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    if (pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim() || undefined;
  }
  return undefined;
}
