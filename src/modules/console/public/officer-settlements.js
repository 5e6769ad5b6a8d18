// District officer · settlements: the programme's settlements, each one's lines (payee, count,
// amount), its CSV, the engagements behind a line, and confirming the payout with a reference.
/* global Blob, URL, URLSearchParams, document, setTimeout */
import { onSubmit, send } from './actions.js';
import { api, showProblem } from './api.js';
import { dateOf, field, h, table, timeOf } from './dom.js';
import { count, isoDay, money } from './format.js';
import { programmePicker, programmesOf } from './officer-common.js';

const STATUS = { pending: '待支付 Pending', paid: '已支付 Paid' };
const PAYEES = { provider: '服务商 Provider', enterprise: '企业 Enterprise' };

/** Hands a Blob (or text) to the browser as a file download. */
function download(content, filename) {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The engagements behind a line: the paginated sub-resource where the API has it, else the ids
 * an older settlement view carried on the line.
 */
async function engagementsOf(settlement, line) {
  const ids = [];
  let cursor = null;
  try {
    for (let page = 0; page < 100; page++) {
      const query = new URLSearchParams({ payeeId: line.payeeId, limit: '100', ...(cursor ? { cursor } : {}) });
      const res = await api(`/v1/settlements/${settlement.id}/engagements?${query}`);
      ids.push(...res.data.map((e) => (typeof e === 'string' ? e : (e.engagementId ?? e.id))));
      cursor = res.nextCursor;
      if (!cursor) return ids;
    }
    return ids;
  } catch (error) {
    if (error.status === 404 && Array.isArray(line.engagementIds)) return line.engagementIds;
    throw error;
  }
}

const csvCell = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function lineTable(settlement, box) {
  const currency = settlement.total.currency;
  return table({
    caption: `结算明细 Lines (${settlement.lines.length})`,
    columns: [
      ['payee', '收款方 Payee'],
      ['type', '类型 Type'],
      ['engagements', '合作数 Engagements'],
      ['amount', '金额 Amount'],
      ['detail', '明细 Detail'],
    ],
    rows: settlement.lines.map((line) => ({
      key: line.payeeId,
      cells: {
        payee: line.payeeName,
        type: PAYEES[line.payeeType] ?? line.payeeType,
        engagements: { text: count(line.engagements), value: line.engagements },
        amount: { text: money(line.amount.amount, currency), value: line.amount.amount },
        detail: h(
          'button',
          {
            type: 'button',
            className: 'ghost',
            onclick: async () => {
              try {
                const ids = await engagementsOf(settlement, line);
                const rows = ids.map((id) => [settlement.id, line.payeeType, line.payeeId, line.payeeName, id]);
                const csv = `\uFEFFsettlementId,payeeType,payeeId,payeeName,engagementId\r\n${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
                box.replaceChildren(
                  h('h4', {}, `${line.payeeName} · ${count(ids.length)} 项合作 engagements`),
                  h('ul', { className: 'engagement-ids' }, ...ids.map((id) => h('li', {}, h('code', {}, id)))),
                  h(
                    'button',
                    { type: 'button', className: 'ghost', onclick: () => download(csv, `settlement-${settlement.id}-${line.payeeId}-engagements.csv`) },
                    '下载合作明细 CSV Download engagements CSV',
                  ),
                );
              } catch (error) {
                showProblem(box, error);
              }
            },
          },
          '查看合作 Engagements',
        ),
      },
    })),
  });
}

function confirmForm(settlement, onConfirmed) {
  const form = h(
    'form',
    { className: 'card form-grid', id: 'settlement-confirm' },
    h('h4', {}, '确认已支付 Confirm the payout'),
    h('div', { className: 'problem', role: 'alert', hidden: true }),
    field('支付日期 Paid on', h('input', { name: 'paidOn', type: 'date', required: true, value: isoDay(new Date()), max: isoDay(new Date()) })),
    field('银行流水号 Bank reference', h('input', { name: 'reference', required: true, maxLength: 100, autocomplete: 'off' })),
    h('div', { className: 'actions' }, h('button', { type: 'submit' }, '确认支付 Confirm payout')),
  );
  onSubmit(form, async (values) => {
    const paidAt = new Date(`${values.paidOn}T12:00:00+08:00`);
    const body = { paidAt: (paidAt > new Date() ? new Date() : paidAt).toISOString(), reference: values.reference.trim() };
    await send(form, `/v1/settlements/${settlement.id}/confirm`, { body });
    await onConfirmed();
  });
  return form;
}

async function showSettlement(id, box, refreshList) {
  const s = await api(`/v1/settlements/${id}`);
  const detail = h('div', { className: 'engagement-detail', attrs: { 'aria-live': 'polite' } });
  const problem = h('div', { className: 'problem', role: 'alert', hidden: true });
  const csvButton = h(
    'button',
    {
      type: 'button',
      id: 'settlement-csv',
      onclick: async () => {
        try {
          download(await api(`/v1/settlements/${s.id}`, { accept: 'text/csv' }), `settlement-${s.id}.csv`);
        } catch (error) {
          showProblem(problem, error);
        }
      },
    },
    '下载结算 CSV Download CSV',
  );
  box.replaceChildren(
    h(
      'article',
      { className: 'card settlement', dataset: { settlementId: s.id, status: s.status } },
      h('h3', {}, `结算 Settlement ${timeOf(s.createdAt)} · ${STATUS[s.status]} · ${money(s.total.amount, s.total.currency)}`),
      s.status === 'paid' ? h('p', { className: 'paid' }, `已于 ${dateOf(s.paidAt)} 支付 Paid on ${dateOf(s.paidAt)} · ${s.reference}`) : null,
      problem,
      h('div', { className: 'toolbar' }, csvButton),
      lineTable(s, detail),
      detail,
      s.status === 'pending' ? confirmForm(s, async () => (await refreshList(), await showSettlement(id, box, refreshList))) : null,
    ),
  );
}

export async function renderSettlements(section, scope) {
  const programmes = await programmesOf(scope.district);
  if (!programmes.length) return void section.append(h('p', {}, '该区还没有补贴项目 No programmes in this district yet'));
  const body = h('div');
  const picker = programmePicker(programmes, async (program) => {
    const list = h('div');
    const open = h('div', { className: 'settlement-open' });
    const refresh = async () => {
      const settlements = (await api(`/v1/programs/${program.id}/settlements`)).data;
      list.replaceChildren(
        table({
          caption: '结算批次 Settlements',
          columns: [
            ['at', '生成 Created'],
            ['status', '状态 Status'],
            ['total', '总额 Total'],
            ['paid', '支付 Paid'],
            ['open', ''],
          ],
          rows: settlements.map((s) => ({
            key: s.id,
            cells: {
              at: timeOf(s.createdAt),
              status: { text: STATUS[s.status] ?? s.status, value: s.status },
              total: { text: money(s.total.amount, s.total.currency), value: s.total.amount },
              paid: s.paidAt ? `${dateOf(s.paidAt)} · ${s.reference}` : '–',
              open: h('button', { type: 'button', className: 'ghost', onclick: () => void showSettlement(s.id, open, refresh) }, '打开 Open'),
            },
          })),
        }),
      );
    };
    body.replaceChildren(list, open);
    await refresh();
  });
  section.append(picker.element, body);
  await picker.ready;
}
