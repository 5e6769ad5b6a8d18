// The views of each role, by hash route: #/alliance/… for alliance managers, #/officer/… for
// district officers (admins see both). Each view draws itself afresh when shown.
/* global document */
import { $, showProblem } from './api.js';
import { h } from './dom.js';
import { renderMembers } from './manager-members.js';
import { renderMatches } from './manager-matches.js';
import { renderWeights } from './manager-weights.js';
import { renderAudit } from './officer-audit.js';
import { renderProgrammes } from './officer-programmes.js';
import { renderReconciliation } from './officer-reconciliation.js';
import { renderSettlements } from './officer-settlements.js';
import { renderVouchers } from './officer-vouchers.js';

/** `load` (the two chart views, static in index.html) or `render` (the rest, drawn into a section). */
export const ROUTES = {
  quality: { path: 'alliance/quality', title: '匹配质量 Quality', section: '#alliance-view' },
  members: { path: 'alliance/members', title: '成员审核 Members', render: renderMembers },
  matches: { path: 'alliance/matches', title: '匹配评审 Match reviews', render: renderMatches },
  weights: { path: 'alliance/weights', title: '权重 Weights', render: renderWeights },
  budgets: { path: 'officer/budgets', title: '预算 Budgets', section: '#district-view' },
  programmes: { path: 'officer/programmes', title: '补贴项目 Programmes', render: renderProgrammes },
  vouchers: { path: 'officer/vouchers', title: '补贴券 Vouchers', render: renderVouchers },
  reconciliation: { path: 'officer/reconciliation', title: '对账 Reconciliation', render: renderReconciliation },
  settlements: { path: 'officer/settlements', title: '结算 Settlements', render: renderSettlements },
  audit: { path: 'officer/audit', title: '审计记录 Audit trail', render: renderAudit },
};

function sectionOf(route) {
  if (route.section) return $(route.section);
  const id = `view-${route.path.replace('/', '-')}`;
  let section = document.getElementById(id);
  if (!section) {
    section = h('section', { id, className: 'view', dataset: { route: route.path }, attrs: { 'aria-labelledby': `${id}-title` } });
    $('#views').append(section);
  }
  return section;
}

let shown = null;

/** Shows the view of `hash` (drawing it again when `force` or when it is another view). */
export async function showRoute(scope, hash, force = false) {
  const route = Object.values(ROUTES).find((r) => `#/${r.path}` === hash);
  if (!route) return;
  const section = sectionOf(route);
  for (const view of document.querySelectorAll('.view')) view.hidden = view !== section;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === hash) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const moved = shown !== null && shown !== route;
  if (shown === route && !force) return;
  shown = route;
  if (route.load) await route.load();
  else {
    section.dataset.state = 'loading';
    section.replaceChildren(h('h2', { id: `${section.id}-title`, tabIndex: -1 }, route.title), h('div', { className: 'problem', role: 'alert', hidden: true }));
    try {
      await route.render(section, scope);
      section.dataset.state = 'ready';
    } catch (error) {
      showProblem(section.querySelector('.problem'), error);
      section.dataset.state = 'error';
    }
  }
  // Keyboard and screen-reader users land on the new view's heading.
  if (moved) section.querySelector('h2')?.focus();
}
