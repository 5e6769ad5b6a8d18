// The console: log in (dev token or pasted token, kept in sessionStorage), then each role's views
// behind a tab bar with hash routes (#/officer/vouchers …). Every API call sends the bearer token.
/* global document, window, sessionStorage, atob, TextDecoder */
import { resizeAll } from './charts.js';
import { $, api, hideProblem, loadNames, logout, showProblem, TOKEN_KEY } from './api.js';
import { DAY, isoDay } from './format.js';
import { loadAlliance } from './alliance-view.js';
import { loadDistrict } from './district-view.js';
import { ROUTES, showRoute } from './router.js';

// ---- log in ---------------------------------------------------------------------------------

/** The token's claims, read (not verified: the API verifies) to choose the views. */
function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
    return claims && typeof claims.role === 'string' && typeof claims.org === 'string' ? claims : null;
  } catch {
    return null;
  }
}

const ORG_LABELS = {
  alliance_manager: ['联盟 ID Alliance UUID', []],
  district_officer: ['区代码 District code', null],
  admin: ['组织 Organisation', [['platform', 'platform']]],
};
let districts = [];

const option = (value, text) => Object.assign(document.createElement('option'), { value, textContent: text });

function fillOrgOptions(role) {
  const [label, fixedOptions] = ORG_LABELS[role];
  $('#org-label').textContent = label;
  const options = fixedOptions ?? districts.map((d) => [d.code, `${d.nameZh} ${d.nameEn}`]);
  $('#org-options').replaceChildren(...options.map(([value, text]) => option(value, text)));
}

async function logInWith(token) {
  const claims = claimsOf(token);
  if (!claims) {
    showProblem($('#notice'), { message: '这不是有效的令牌 This is not a JWT with role and org' });
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  await start(claims);
}

// ---- start -----------------------------------------------------------------------------------

const districtName = (code) => districts.find((d) => d.code === code)?.nameZh ?? '';

/** Who the views act for: the token's organisation, or for admins the scope bar's choices. */
function scopeOf(claims) {
  const admin = claims.role === 'admin';
  return {
    role: claims.role,
    get allianceId() {
      return admin ? $('#alliance-select').value : claims.org;
    },
    get district() {
      return admin ? $('#district-select').value : claims.org;
    },
    districtName,
  };
}

async function start(claims) {
  $('#login').hidden = true;
  hideProblem($('#notice'));
  $('#who').hidden = false;
  $('#who-label').textContent = `${claims.role} · ${claims.org}`;
  await loadNames();
  const today = new Date();
  $('#period-to').value = isoDay(today);
  $('#period-from').value = isoDay(new Date(today.getTime() - 180 * DAY));
  const scope = scopeOf(claims);

  const roles = { alliance_manager: ['alliance'], district_officer: ['officer'], admin: ['alliance', 'officer'] }[claims.role];
  if (!roles) {
    showProblem($('#notice'), { message: '此控制台面向联盟管理者和区商务官员 This console is for alliance managers and district officers' });
    document.body.dataset.ready = 'true';
    return;
  }
  if (claims.role === 'admin') {
    $('#admin-scope').hidden = false;
    const list = await api('/v1/alliances?limit=100').catch((error) => (showProblem($('#notice'), error), { data: [] }));
    $('#alliance-select').replaceChildren(...list.data.map((a) => option(a.id, a.name)));
    $('#district-select').replaceChildren(...districts.map((d) => option(d.code, `${d.nameZh} ${d.nameEn}`)));
  }
  ROUTES.quality.load = () => loadAlliance(scope.allianceId);
  ROUTES.budgets.load = () => loadDistrict(scope.district, districtName(scope.district));
  $('#period-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void loadAlliance(scope.allianceId);
  });
  $('#district-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void ROUTES.budgets.load();
  });

  const nav = $('#nav');
  const mine = Object.values(ROUTES).filter((r) => roles.includes(r.path.split('/')[0]));
  nav.replaceChildren(
    ...mine.map((r) => Object.assign(document.createElement('a'), { href: `#/${r.path}`, textContent: r.title, id: `nav-${r.path.replace('/', '-')}` })),
  );
  nav.hidden = false;
  const here = () => (mine.some((r) => `#/${r.path}` === window.location.hash) ? window.location.hash : `#/${mine[0].path}`);
  window.addEventListener('hashchange', () => void showRoute(scope, here()));
  // An admin's other alliance or district: the view shown is drawn again for it.
  $('#admin-scope-form').addEventListener('change', () => void showRoute(scope, here(), true));
  await showRoute(scope, here());
  document.body.dataset.ready = 'true';
}

function init() {
  const role = $('#login-role');
  role.addEventListener('change', () => fillOrgOptions(role.value));
  api('/v1/reference/districts')
    .then((res) => {
      districts = res.data;
      fillOrgOptions(role.value);
    })
    .catch(() => undefined);
  fillOrgOptions(role.value);

  $('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { token } = await api('/v1/auth/dev-tokens', { method: 'POST', body: { role: role.value, org: $('#login-org').value.trim() } });
      await logInWith(token);
    } catch (error) {
      showProblem($('#notice'), error);
    }
  });
  $('#token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void logInWith($('#login-token').value.trim());
  });
  $('#logout').addEventListener('click', logout);

  // Print every data table with its chart.
  const opened = [];
  window.addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll('details:not([open])')) {
      d.open = true;
      opened.push(d);
    }
    resizeAll();
  });
  window.addEventListener('afterprint', () => {
    for (const d of opened.splice(0)) d.open = false;
    resizeAll();
  });

  const token = sessionStorage.getItem(TOKEN_KEY);
  const claims = token && claimsOf(token);
  if (claims) void start(claims);
  else document.body.dataset.ready = 'login';
}

init();
