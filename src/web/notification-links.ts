import type { RouteLocationRaw, RouteRecordRaw } from 'vue-router';
import { HOME, useSession, type Role } from './stores/session';

// The links notifications and emails carry (libs/mail-templates deepLinkOf) name the object, not a
// page: one email goes to every person of the organisation, and which page shows the object depends
// on the reader's role. Each is signed-in only (the global guard sends a stranger to sign in and
// back), then resolved here to the reader's page; a role without such a page lands on its home.
const EVERYONE: Role[] = ['enterprise', 'provider', 'district_officer', 'admin', 'alliance_manager', 'city_coordinator'];

/** Per link: the page of each role that shows the object. */
const LINKS: Record<string, (id: string) => Partial<Record<Role, string>>> = {
  '/requests/:id': (id) => ({ enterprise: `/enterprise/requests/${id}`, provider: `/provider/requests/${id}/bid` }),
  '/applications/:id': () => ({ enterprise: '/enterprise/applications', district_officer: '/officer/applications', admin: '/officer/applications' }),
  '/desk/:id': () => ({ enterprise: '/enterprise/desk', district_officer: '/officer/desk', admin: '/officer/desk' }),
  '/vouchers/:id': () => ({ enterprise: '/enterprise', district_officer: '/officer/vouchers', admin: '/officer/vouchers' }),
  '/programs/:id': () => ({ district_officer: '/officer/programmes', admin: '/officer/programmes', enterprise: '/programmes' }),
  '/enterprises/:id': () => ({ district_officer: '/officer/vouchers', admin: '/officer/vouchers' }),
  '/alliances/:id': () => ({ alliance_manager: '/manager/members', provider: '/provider/profile' }),
  '/inbox': () => ({}),
};

export const NOTIFICATION_LINK_ROUTES: RouteRecordRaw[] = Object.entries(LINKS).map(([path, pagesOf]) => ({
  path,
  // Never shown: the guard below always leaves for the reader's page.
  component: () => import('./pages/public/NotFound.vue'),
  meta: { roles: EVERYONE, title: 'notFound.title' },
  beforeEnter: (to): RouteLocationRaw => {
    const role = useSession().role!;
    return { path: pagesOf(String(to.params.id ?? ''))[role] ?? HOME[role], replace: true };
  },
}));
