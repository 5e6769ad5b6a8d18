// The console: log in (dev token or pasted token, kept in sessionStorage), then the alliance
// manager's quality view or the district officer's budgets. Every API call sends the bearer token.
/* global document, window, sessionStorage, fetch, atob, TextDecoder, URLSearchParams */
import {
  awardRankChart, budgetChart, burnDownChart, count, coverageChart, fixed, funnelChart, hours, lorenzChart,
  money, parseMoney, percent, render, resizeAll, trendChart,
} from './charts.js';

const TOKEN_KEY = 'seaward.console.token';
const $ = (selector, root = document) => root.querySelector(selector);
const DAY = 86_400_000;

// ---- the API -------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, { title: '网络错误 Network error', detail: String(error?.message ?? error) });
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: shown as text below */
  }
  if (!res.ok) {
    const problem = json && typeof json === 'object' ? json : { title: res.statusText || `HTTP ${res.status}`, detail: text.slice(0, 300) };
    throw new ApiError(res.status, { ...problem, instance: problem.instance ?? `${method} ${path}` });
  }
  return json;
}

/** A problem+json answer, readably: status and title, code, detail, each field error, request id. */
function showProblem(box, error) {
  box.replaceChildren();
  box.hidden = false;
  const p = error instanceof ApiError ? error.problem : { title: '出错了 Something went wrong', detail: String(error?.message ?? error) };
  const status = error instanceof ApiError && error.status ? `${error.status} ` : '';
  const head = document.createElement('p');
  head.append(Object.assign(document.createElement('strong'), { textContent: `${status}${p.title ?? ''}` }));
  if (p.code) head.append(' ', Object.assign(document.createElement('code'), { textContent: p.code }));
  box.append(head);
  if (p.detail) box.append(Object.assign(document.createElement('p'), { textContent: p.detail }));
  if (Array.isArray(p.errors) && p.errors.length) {
    const list = document.createElement('ul');
    for (const e of p.errors) list.append(Object.assign(document.createElement('li'), { textContent: `${e.path}: ${e.message}` }));
    box.append(list);
  }
  const meta = [p.instance, p.requestId && `请求 Request ${p.requestId}`].filter(Boolean).join(' · ');
  if (meta) box.append(Object.assign(document.createElement('small'), { textContent: meta }));
  if (error instanceof ApiError && error.status === 401) {
    box.append(' ', Object.assign(document.createElement('button'), { type: 'button', textContent: '重新登录 Log in again', onclick: logout }));
  }
}

const hideProblem = (box) => {
  box.hidden = true;
  box.replaceChildren();
};

// ---- reference names ----------------------------------------------------------------------

const names = { countries: new Map(), categories: new Map() };
const labelOf = (map, code) => map.get(code) ?? code;
const nameHelpers = {
  country: (code) => labelOf(names.countries, code),
  category: (code) => labelOf(names.categories, code),
};

async function loadNames() {
  const [countries, categories] = await Promise.allSettled([api('/v1/reference/countries'), api('/v1/reference/categories')]);
  for (const c of countries.value?.data ?? []) names.countries.set(c.code, `${c.nameZh} ${c.code}`);
  for (const c of categories.value?.data ?? []) names.categories.set(c.code, `${c.nameZh} ${c.nameEn}`);
}

// ---- log in ---------------------------------------------------------------------------------

/** The token's claims, read (not verified: the API verifies) to choose the view. */
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

function fillOrgOptions(role) {
  const [label, fixedOptions] = ORG_LABELS[role];
  $('#org-label').textContent = label;
  const options = fixedOptions ?? districts.map((d) => [d.code, `${d.nameZh} ${d.nameEn}`]);
  $('#org-options').replaceChildren(...options.map(([value, text]) => Object.assign(document.createElement('option'), { value, textContent: text })));
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

function logout() {
  sessionStorage.removeItem(TOKEN_KEY);
  window.location.reload();
}

// ---- alliance managers ----------------------------------------------------------------------

const isoDay = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
/** Local midnight of a yyyy-mm-dd, as an instant. */
const localMidnight = (day) => new Date(`${day}T00:00:00`);

function kpi(list, key, label, value, raw) {
  const div = Object.assign(document.createElement('div'), { className: 'kpi' });
  div.dataset.kpi = key;
  if (raw !== undefined && raw !== null) div.dataset.value = String(raw);
  div.append(Object.assign(document.createElement('dt'), { textContent: label }), Object.assign(document.createElement('dd'), { textContent: value }));
  list.append(div);
}

function renderKpis(q) {
  const list = $('#kpis');
  list.replaceChildren();
  const e = q.engagements;
  kpi(list, 'members', '成员 Members', count(q.members), q.members);
  kpi(list, 'invitationToBidRate', '邀请→投标率 Invitation→bid rate', percent(q.invitationToBid.rate), q.invitationToBid.rate);
  kpi(list, 'medianHours', '首个投标中位时长 Median hours to first bid', hours(q.timeToFirstBid.medianHours), q.timeToFirstBid.medianHours);
  kpi(list, 'p90Hours', '首个投标 P90 时长 P90 hours to first bid', hours(q.timeToFirstBid.p90Hours), q.timeToFirstBid.p90Hours);
  kpi(list, 'mrr', '平均倒数排名 MRR', fixed(q.awardRank.mrr), q.awardRank.mrr);
  kpi(list, 'ndcgAt10', 'NDCG@10', fixed(q.awardRank.ndcgAt10), q.awardRank.ndcgAt10);
  kpi(list, 'completionRate', '完成率 Completion rate', percent(e.completion.rate), e.completion.rate);
  kpi(list, 'meanRating', `平均评分 Mean rating (${count(e.rating.count)})`, fixed(e.rating.mean, 1), e.rating.mean);
  kpi(list, 'disputeRate', '争议率 Dispute rate', percent(e.disputes.rate), e.disputes.rate);
  kpi(list, 'verdicts', '评审 Verdicts good / poor', `${count(q.verdicts.good)} / ${count(q.verdicts.poor)}`, `${q.verdicts.good}/${q.verdicts.poor}`);
}

async function loadAlliance(allianceId) {
  const box = $('#alliance-problem');
  hideProblem(box);
  const from = localMidnight($('#period-from').value);
  const to = new Date(localMidnight($('#period-to').value).getTime() + DAY);
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  const [alliance, quality] = await Promise.allSettled([
    api(`/v1/alliances/${encodeURIComponent(allianceId)}`),
    api(`/v1/alliances/${encodeURIComponent(allianceId)}/quality?${query}`),
  ]);
  $('#alliance-title').textContent = `联盟匹配质量 Alliance match quality · ${alliance.value?.name ?? allianceId}`;
  const view = $('#alliance-view');
  if (quality.status === 'rejected') {
    showProblem(box, quality.reason);
    view.dataset.state = 'error';
    return;
  }
  const q = quality.value;
  renderKpis(q);
  const figure = (name) => $(`figure[data-chart="${name}"]`, view);
  render(figure('funnel'), funnelChart(q));
  render(figure('award-rank'), awardRankChart(q));
  render(figure('lorenz'), lorenzChart(q));
  $('#gini').textContent = `基尼系数 Gini：邀请 Invitations ${fixed(q.concentration.invitations.gini)} · 中标金额 Awarded value ${fixed(q.concentration.awardedValue.gini)}`;
  render(figure('coverage'), coverageChart(q, nameHelpers));
  render(figure('trend'), trendChart(q));
  view.dataset.state = 'ready';
}

// ---- district officers ----------------------------------------------------------------------

async function allPrograms(district) {
  const programs = [];
  let cursor = null;
  for (let page = 0; page < 20; page++) {
    const query = new URLSearchParams({ district, limit: '100', ...(cursor ? { cursor } : {}) });
    const res = await api(`/v1/programs?${query}`);
    programs.push(...res.data);
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return programs;
}

function showAlert(card, alert, currency) {
  const state = $('.alert-state', card);
  state.dataset.threshold = alert.availableBelow ? String(alert.availableBelow.amount) : '';
  state.textContent = alert.availableBelow
    ? `当前阈值 Current threshold ${money(alert.availableBelow.amount, alert.availableBelow.currency)} · ${
        alert.alertedAt ? `已提醒 Alerted ${new Date(alert.alertedAt).toLocaleString('zh-CN')}` : '未触发 Not triggered'
      }`
    : '未设置 Not set';
  if (alert.availableBelow) $('input[name="amount"]', card).value = money(alert.availableBelow.amount, currency).replace(/[^\d.]/g, '');
}

async function renderProgram(program) {
  const card = $('#program-template').content.firstElementChild.cloneNode(true);
  card.dataset.programId = program.id;
  const currency = program.budget.currency;
  $('.program-name', card).textContent = program.name;
  $('.program-meta', card).textContent =
    `${program.policyRef} · 补贴比例 Rate ${(program.rateBps / 100).toFixed(2)}% · 单券上限 Per voucher ${money(program.perVoucherCap.amount, currency)} · ` +
    `有效期 Valid ${program.validFrom.slice(0, 10)} → ${program.validTo.slice(0, 10)}`;
  $('#programs').append(card);
  const box = $('.problem', card);
  if (program.ledger) render($('figure[data-chart="budget"]', card), budgetChart(program.ledger));
  else showProblem(box, { message: '此账号无权查看该项目账本 This caller cannot see the programme ledger' });

  const [history, alert] = await Promise.allSettled([api(`/v1/programs/${program.id}/ledger/history`), api(`/v1/programs/${program.id}/alert`)]);
  if (history.status === 'fulfilled') {
    const h = history.value;
    render($('figure[data-chart="burn-down"]', card), burnDownChart(h));
    const runsOut = $('.runs-out', card);
    runsOut.dataset.runsOutOn = h.burnDown.runsOutOn ?? '';
    runsOut.textContent = h.burnDown.runsOutOn
      ? `按当前速度（每日 ${money(h.burnDown.spentPerDay, h.currency)}）将于 ${h.burnDown.runsOutOn} 用尽 · At ${money(h.burnDown.spentPerDay, h.currency)} a day it runs out on ${h.burnDown.runsOutOn}`
      : '当前无支出，不会用尽 Nothing is being spent: no run-out date';
  } else showProblem(box, history.reason);
  if (alert.status === 'fulfilled') showAlert(card, alert.value, currency);
  else showProblem(box, alert.reason);

  $('.alert-form', card).addEventListener('submit', async (event) => {
    event.preventDefault();
    const amount = parseMoney($('input[name="amount"]', card).value, currency);
    if (amount === null) {
      showProblem(box, { message: '请输入金额，例如 5000.00 Enter an amount such as 5000.00' });
      return;
    }
    try {
      showAlert(card, await api(`/v1/programs/${program.id}/alert`, { method: 'PUT', body: { availableBelow: { amount, currency } } }), currency);
      hideProblem(box);
    } catch (error) {
      showProblem(box, error);
    }
  });
}

async function loadDistrict(district) {
  const box = $('#district-problem');
  hideProblem(box);
  $('#programs').replaceChildren();
  const view = $('#district-view');
  $('#district-title').textContent = `补贴项目预算 Programme budgets · ${districts.find((d) => d.code === district)?.nameZh ?? ''} ${district}`;
  try {
    const programs = await allPrograms(district);
    if (!programs.length) {
      box.hidden = false;
      box.textContent = '该区还没有补贴项目 No programmes in this district yet';
    }
    await Promise.all(programs.map(renderProgram));
    view.dataset.state = 'ready';
  } catch (error) {
    showProblem(box, error);
    view.dataset.state = 'error';
  }
}

// ---- start -----------------------------------------------------------------------------------

async function start(claims) {
  $('#login').hidden = true;
  hideProblem($('#notice'));
  $('#who').hidden = false;
  $('#who-label').textContent = `${claims.role} · ${claims.org}`;
  await loadNames();
  const today = new Date();
  $('#period-to').value = isoDay(today);
  $('#period-from').value = isoDay(new Date(today.getTime() - 180 * DAY));

  const admin = claims.role === 'admin';
  if (claims.role === 'alliance_manager' || admin) {
    $('#alliance-view').hidden = false;
    let allianceId = claims.org;
    if (admin) {
      $('#alliance-pick').hidden = false;
      const list = await api('/v1/alliances?limit=100').catch((error) => (showProblem($('#alliance-problem'), error), { data: [] }));
      $('#alliance-select').replaceChildren(...list.data.map((a) => Object.assign(document.createElement('option'), { value: a.id, textContent: a.name })));
      allianceId = list.data[0]?.id;
    }
    $('#period-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void loadAlliance(admin ? $('#alliance-select').value : allianceId);
    });
    if (allianceId) await loadAlliance(allianceId);
  }
  if (claims.role === 'district_officer' || admin) {
    $('#district-view').hidden = false;
    if (admin) {
      $('#district-pick').hidden = false;
      $('#district-select').replaceChildren(...districts.map((d) => Object.assign(document.createElement('option'), { value: d.code, textContent: `${d.nameZh} ${d.nameEn}` })));
    }
    $('#district-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void loadDistrict(admin ? $('#district-select').value : claims.org);
    });
    await loadDistrict(admin ? $('#district-select').value : claims.org);
  }
  if (!['alliance_manager', 'district_officer', 'admin'].includes(claims.role)) {
    showProblem($('#notice'), { message: '此控制台面向联盟管理者和区商务官员 This console is for alliance managers and district officers' });
  }
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
