// The district officer's view: a card per programme with its budget, burn-down and alert.
/* global URLSearchParams */
import { budgetChart, burnDownChart, money, parseMoney, render } from './charts.js';
import { onSubmit, send } from './actions.js';
import { $, api, hideProblem, showProblem } from './api.js';

// ---- district officers ----------------------------------------------------------------------

export async function allPrograms(district) {
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

  const form = $('.alert-form', card);
  onSubmit(
    form,
    async (values) => {
      const amount = parseMoney(values.amount, currency);
      if (amount === null) throw new Error('请输入金额，例如 5000.00 Enter an amount such as 5000.00');
      showAlert(card, await send(form, `/v1/programs/${program.id}/alert`, { method: 'PUT', body: { availableBelow: { amount, currency } } }), currency);
    },
    box,
  );
}

export async function loadDistrict(district, label = '') {
  const box = $('#district-problem');
  hideProblem(box);
  $('#programs').replaceChildren();
  const view = $('#district-view');
  $('#district-title').textContent = `补贴项目预算 Programme budgets · ${label} ${district}`;
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
