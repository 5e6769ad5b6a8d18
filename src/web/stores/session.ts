// Who is signed in, asked of the API each time the app starts (GET /v1/me): kept in memory only,
// never in localStorage or sessionStorage. The session itself is an httpOnly cookie.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, ApiError, loose, ok, transport, type Schemas } from '../api/client';

export type Role = NonNullable<Schemas['Me']['role']> | 'city_coordinator';

/** GET /v1/me: the person, their memberships, and the active one's role and organisation. */
export type Me = Omit<Schemas['Me'], 'role' | 'org'> & { role: Role | null; org: string | null };

export const HOME: Record<Role, string> = {
  enterprise: '/enterprise',
  provider: '/provider',
  district_officer: '/officer/programmes',
  admin: '/officer/programmes',
  city_coordinator: '/city/reports',
  alliance_manager: '/manager/members',
};

export const useSession = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const loaded = ref(false);
  const role = computed(() => me.value?.role ?? null);
  const org = computed(() => me.value?.org ?? '');

  async function load(): Promise<void> {
    try {
      me.value = await ok(api.GET('/v1/me'));
    } catch (error) {
      // 401: nobody is signed in; anything else (the API down, a server without sessions): the
      // public pages still work, and the page that needs a session says why it cannot load.
      if (!(error instanceof ApiError && error.problem.status === 401)) console.warn('GET /v1/me:', error);
      if (!transport.bearer) me.value = null;
    } finally {
      loaded.value = true;
    }
  }

  /**
   * Demo and test sign-in, only where the server allows it (AUTH_DEV_TOKENS=true): a session
   * cookie from POST /auth/dev-session (not in the API's contract: /auth is the browser's).
   */
  async function signInAs(wanted: Role, organisation: string, name?: string): Promise<void> {
    try {
      me.value = await loose<Me>('POST', '/auth/dev-session', { role: wanted, org: organisation, name });
      transport.bearer = null;
      return;
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status !== 404) throw error;
    }
    const { token } = await ok(api.POST('/v1/auth/dev-tokens', { body: { role: wanted as Schemas['DevTokenRequest']['role'], org: organisation } }));
    transport.bearer = token;
    me.value = { person: { id: '', name: '', email: null, locale: 'zh-CN' }, memberships: [], activeMembershipId: null, role: wanted, org: organisation };
  }

  /** Acts for another of the person's organisations (PUT /v1/me/active-membership). */
  async function switchTo(membershipId: string): Promise<void> {
    me.value = await ok(api.PUT('/v1/me/active-membership', { body: { membershipId } }));
  }

  async function signOut(): Promise<void> {
    if (!transport.bearer) await loose('POST', '/auth/logout').catch(() => undefined);
    transport.bearer = null;
    me.value = null;
  }

  return { me, loaded, role, org, load, signInAs, switchTo, signOut };
});
