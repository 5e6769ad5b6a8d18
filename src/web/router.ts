import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { NOTIFICATION_LINK_ROUTES } from './notification-links';
import { HOME, useSession, type Role } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may open the page; the API stays the authority over what it answers. */
    roles?: Role[];
    /** i18n key of the page's title. */
    title: string;
  }
}

const ENTERPRISE: Role[] = ['enterprise'];
const PROVIDER: Role[] = ['provider'];
const OFFICER: Role[] = ['district_officer', 'admin'];
const MANAGER: Role[] = ['alliance_manager'];
const CITY: Role[] = ['city_coordinator'];
const EVERYONE: Role[] = [...ENTERPRISE, ...PROVIDER, ...OFFICER, ...MANAGER, ...CITY];

const routes: RouteRecordRaw[] = [
  { path: '/', component: () => import('./pages/public/HomePage.vue'), meta: { title: 'home.title' } },
  { path: '/sign-in', component: () => import('./pages/public/SignInPage.vue'), meta: { title: 'signIn.title' } },
  { path: '/enterprise', component: () => import('./pages/enterprise/EnterpriseHome.vue'), meta: { roles: ENTERPRISE, title: 'enterprise.home' } },
  { path: '/enterprise/requests/new', component: () => import('./pages/enterprise/RequestForm.vue'), meta: { roles: ENTERPRISE, title: 'need.title' } },
  {
    path: '/enterprise/requests/:id/edit',
    component: () => import('./pages/enterprise/RequestForm.vue'),
    meta: { roles: ENTERPRISE, title: 'need.editTitle' },
  },
  { path: '/enterprise/requests/:id', component: () => import('./pages/enterprise/RequestPage.vue'), meta: { roles: ENTERPRISE, title: 'request.title' } },
  { path: '/engagements/:id', component: () => import('./pages/EngagementPage.vue'), meta: { roles: [...ENTERPRISE, ...PROVIDER], title: 'engagement.title' } },
  { path: '/provider', component: () => import('./pages/provider/ProviderHome.vue'), meta: { roles: PROVIDER, title: 'provider.home' } },
  { path: '/provider/profile', component: () => import('./pages/provider/ProfilePage.vue'), meta: { roles: PROVIDER, title: 'profile.title' } },
  { path: '/provider/requests/:id/bid', component: () => import('./pages/provider/BidPage.vue'), meta: { roles: PROVIDER, title: 'bid.title' } },
  { path: '/officer/programmes', component: () => import('./pages/officer/ProgrammesPage.vue'), meta: { roles: OFFICER, title: 'officer.programmes' } },
  { path: '/officer/vouchers', component: () => import('./pages/officer/VouchersPage.vue'), meta: { roles: OFFICER, title: 'officer.vouchers' } },
  {
    path: '/officer/reconciliation',
    component: () => import('./pages/officer/ReconciliationPage.vue'),
    meta: { roles: OFFICER, title: 'officer.reconciliation' },
  },
  { path: '/officer/settlements', component: () => import('./pages/officer/SettlementsPage.vue'), meta: { roles: OFFICER, title: 'officer.settlements' } },
  { path: '/officer/audit', component: () => import('./pages/officer/AuditPage.vue'), meta: { roles: OFFICER, title: 'officer.audit' } },
  { path: '/manager/members', component: () => import('./pages/manager/MembersPage.vue'), meta: { roles: MANAGER, title: 'manager.members' } },
  { path: '/manager/matches', component: () => import('./pages/manager/MatchesPage.vue'), meta: { roles: MANAGER, title: 'manager.matches' } },
  { path: '/manager/weights', component: () => import('./pages/manager/WeightsPage.vue'), meta: { roles: MANAGER, title: 'manager.weights' } },
  // People (issue 25): registering one's organisation, its colleagues, an invitation's link, the directory.
  { path: '/welcome', component: () => import('./pages/account/WelcomePage.vue'), meta: { title: 'webPeople.welcome.title' } },
  { path: '/invitations/accept', component: () => import('./pages/account/AcceptInvitationPage.vue'), meta: { title: 'webPeople.accept.title' } },
  {
    path: '/organisation/colleagues',
    component: () => import('./pages/account/ColleaguesPage.vue'),
    meta: { roles: [...ENTERPRISE, ...PROVIDER, ...OFFICER, ...MANAGER], title: 'webPeople.colleagues.title' },
  },
  {
    path: '/enterprise/directory',
    component: () => import('./pages/enterprise/DirectoryPage.vue'),
    meta: { roles: ENTERPRISE, title: 'webPeople.directory.title' },
  },
  // Vouchers across the city (issue 28): applications, the district's answers, the city's report.
  {
    path: '/enterprise/applications',
    component: () => import('./pages/enterprise/ApplicationsPage.vue'),
    meta: { roles: ENTERPRISE, title: 'voucherApply.title' },
  },
  {
    path: '/officer/applications',
    component: () => import('./pages/officer/ApplicationsPage.vue'),
    meta: { roles: OFFICER, title: 'applicationDesk.title' },
  },
  { path: '/city/reports', component: () => import('./pages/city/ReportPage.vue'), meta: { roles: CITY, title: 'cityReport.title' } },
  { path: '/city/programmes', component: () => import('./pages/city/ProgrammesPage.vue'), meta: { roles: CITY, title: 'cityProgrammes.title' } },
  // Information services (issue 29) and the public pages (issue 25, item 5)
  { path: '/programmes', component: () => import('./pages/information/ProgrammesPage.vue'), meta: { title: 'infoNav.programmes' } },
  { path: '/directory', component: () => import('./pages/information/DirectoryPage.vue'), meta: { title: 'infoNav.directory' } },
  { path: '/countries/:code', component: () => import('./pages/information/CountryPage.vue'), meta: { title: 'infoCountry.title' } },
  { path: '/enterprise/desk', component: () => import('./pages/enterprise/DeskPage.vue'), meta: { roles: ENTERPRISE, title: 'infoDesk.title' } },
  { path: '/officer/desk', component: () => import('./pages/officer/DeskPage.vue'), meta: { roles: OFFICER, title: 'infoDesk.officerTitle' } },
  {
    path: '/information/publish',
    component: () => import('./pages/information/PublishPage.vue'),
    meta: { roles: [...OFFICER, ...MANAGER], title: 'infoPublish.title' },
  },
  {
    path: '/settings/notifications',
    component: () => import('./pages/account/NotificationSettingsPage.vue'),
    meta: { roles: EVERYONE, title: 'webPeople.settings.title' },
  },
  ...NOTIFICATION_LINK_ROUTES,
  { path: '/:rest(.*)*', component: () => import('./pages/public/NotFound.vue'), meta: { title: 'notFound.title' } },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to, from) => {
  const session = useSession();
  if (!session.loaded) await session.load();
  const roles = to.meta.roles;
  // Signed in but of no organisation yet: registering one comes first, also on arriving from the
  // identity provider (the first load of the app); the public pages stay a click away after.
  const arriving = from.matched.length === 0 && to.path === '/';
  if (session.me && !session.role && (roles || to.path === '/sign-in' || arriving)) return { path: '/welcome' };
  if (!roles) return true;
  if (!session.role) return { path: '/sign-in', query: { returnTo: to.fullPath } };
  if (!roles.includes(session.role)) return { path: HOME[session.role] };
  return true;
});
