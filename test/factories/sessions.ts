import type { Api } from '../support/harness.js';

export interface BrowserSession {
  /** The Cookie header a browser would send. */
  cookie: string;
  me: Record<string, unknown> & {
    person: { id: string };
    org: string;
    activeMembershipId: string;
    memberships: { id: string; role: string; organisationId: string }[];
  };
}

/** A person signed in through POST /auth/dev-session (AUTH_DEV_TOKENS), holding the membership. */
export async function devSession(api: Api, body: { role: string; org: string; name?: string; email?: string }): Promise<BrowserSession> {
  const res = await api.http.post('/auth/dev-session').send(body);
  if (res.status !== 201) throw new Error(`devSession: ${res.status} ${JSON.stringify(res.body)}`);
  return { cookie: sessionCookieOf(res.headers['set-cookie']), me: res.body };
}

/** `seaward_session=<value>` from a response's Set-Cookie headers. */
export function sessionCookieOf(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith('seaward_session='));
  if (!header) throw new Error('no seaward_session cookie was set');
  return header.split(';')[0]!;
}
