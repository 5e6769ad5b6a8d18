// Who is signed in, asked of the API each time the app starts (GET /v1/me): kept in memory only,
// never in localStorage or sessionStorage. The session itself is an httpOnly cookie.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, ApiError, loose, ok, transport, type Schemas } from '../api/client';

export type Role = 'enterprise' | 'provider' | 'alliance_manager' | 'district_officer' | 'admin' | 'city_coordinator';

/** GET /v1/me, as COMMON.md's sign-in contract gives it. */
export interface Me {
  person: { id: string; name: string; email: string | null; locale: string | null } | null;
  memberships: { id: string; organisationType: string; organisationId: string; organisationName: string; role: Role }[];
  activeMembershipId: string | null;
  role: Role;
  org: string;
}

export const HOME: Record<Role, string> = {
  enterprise: '/enterprise',
  provider: '/provider',
  district_officer: '/officer/programmes',
  admin: '/officer/programmes',
  city_coordinator: '/',
  alliance_manager: '/manager/members',
};

export const useSession = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const loaded = ref(false);
  const role = computed(() => me.value?.role ?? null);
  const org = computed(() => me.value?.org ?? '');

  async function load(): Promise<void> {
    try {
      me.value = await loose<Me>('GET', '/v1/me');
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
   * cookie from POST /auth/dev-session; on a server without sessions, a development token held
   * in this page's memory for as long as the page is open.
   */
  async function signInAs(wanted: Role, organisation: string): Promise<void> {
    try {
      me.value = await loose<Me>('POST', '/auth/dev-session', { role: wanted, org: organisation });
      transport.bearer = null;
      return;
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status !== 404) throw error;
    }
    const { token } = await ok(api.POST('/v1/auth/dev-tokens', { body: { role: wanted as Schemas['DevTokenRequest']['role'], org: organisation } }));
    transport.bearer = token;
    me.value = { person: null, memberships: [], activeMembershipId: null, role: wanted, org: organisation };
  }

  async function signOut(): Promise<void> {
    if (!transport.bearer) await loose('POST', '/auth/logout').catch(() => undefined);
    transport.bearer = null;
    me.value = null;
  }

  return { me, loaded, role, org, load, signInAs, signOut };
});
