// District officer · vouchers: find an enterprise by name or USCC, see its group's cap, issue;
// the programme's vouchers with filters; revoke with a reason.
/* global URLSearchParams */
import { onSubmit, send } from './actions.js';
import { api, showProblem } from './api.js';
import { dateOf, endOfDay, field, h, table } from './dom.js';
import { isoDay, money, parseMoney } from './format.js';
import { programmePicker, programmesOf, termsOf } from './officer-common.js';

const STATUSES = { active: '有效 Active', exhausted: '已用完 Exhausted', revoked: '已撤销 Revoked', expired: '已过期 Expired' };
const enterpriseNames = new Map();

async function nameOf(id) {
  if (!enterpriseNames.has(id))
    enterpriseNames.set(
      id,
      api(`/v1/enterprises/${id}`).then(
        (e) => e.name,
        () => id,
      ),
    );
  return enterpriseNames.get(id);
}

async function vouchersOf(programId, filter) {
  const query = new URLSearchParams({
    programId,
    limit: '100',
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.enterpriseId ? { enterpriseId: filter.enterpriseId } : {}),
  });
  return (await api(`/v1/vouchers?${query}`)).data.reverse();
}

/** What the enterprise's group may still be given in this programme: its cap less the face value it holds. */
async function groupCapLine(program, enterprise) {
  const held = (await vouchersOf(program.id, { enterpriseId: enterprise.id }))
    .filter((v) => v.status === 'active')
    .reduce((sum, v) => sum + v.remaining.amount, 0);
  const cap = program.perEnterpriseCap.amount;
  // A declared parent counts for the cap only once the district's officer has confirmed it.
  const group =
    enterprise.parentUscc && enterprise.parentUsccConfirmed
      ? `集团 Group ${enterprise.parentUscc}`
      : `集团 Group ${enterprise.uscc}${enterprise.parentUscc ? ` (申报母公司 ${enterprise.parentUscc} 未确认 declared parent not confirmed)` : ''}`;
  return h(
    'p',
    { className: 'group-cap', dataset: { cap: String(cap), held: String(held) } },
    `${group} · 集团上限 Group cap ${money(cap)} · 本企业持有未用 This enterprise holds ${money(held)} · 单券上限 Per voucher ${money(program.perVoucherCap.amount)}`,
  );
}

function issueForm(program, onIssued) {
  const results = h('div', { className: 'search-results', role: 'radiogroup', attrs: { 'aria-label': '企业 Enterprises found' } });
  const capLine = h('div', { attrs: { 'aria-live': 'polite' } });
  const search = h('input', { name: 'q', type: 'search', minLength: 2, placeholder: '名称或统一社会信用代码 Name or USCC', autocomplete: 'off' });
  const find = async () => {
    const q = search.value.trim();
    if (q.length < 2) return;
    const found = (await api(`/v1/enterprises?${new URLSearchParams({ q, limit: '20' })}`)).data;
    results.replaceChildren(
      ...(found.length
        ? found.map((e) =>
            h(
              'label',
              { className: 'choice' },
              h('input', {
                type: 'radio',
                name: 'enterpriseId',
                value: e.id,
                required: true,
                onchange: async () => capLine.replaceChildren(await groupCapLine(program, e)),
              }),
              ` ${e.name} · ${e.uscc}`,
            ),
          )
        : [h('p', { className: 'hint' }, '未找到 No enterprise found')]),
    );
  };
  const validTo = program.validTo.slice(0, 10);
  const in90 = isoDay(new Date(Date.now() + 90 * 86_400_000));
  const form = h(
    'form',
    { className: 'card form-grid', id: 'voucher-issue', attrs: { 'aria-labelledby': 'voucher-issue-title' } },
    h('h3', { id: 'voucher-issue-title' }, '发放补贴券 Issue a voucher'),
    h('p', { className: 'hint' }, termsOf(program)),
    h('div', { className: 'problem', role: 'alert', hidden: true }),
    h(
      'div',
      { className: 'search' },
      field('查找企业 Find an enterprise', search),
      h(
        'button',
        { type: 'button', className: 'ghost', onclick: () => void find().catch((e) => showProblem(form.querySelector('.problem'), e)) },
        '查找 Search',
      ),
    ),
    results,
    capLine,
    field('面额（元）Face value (¥)', h('input', { name: 'faceValue', inputMode: 'decimal', required: true, autocomplete: 'off' })),
    field('到期日 Expires on', h('input', { name: 'expiresOn', type: 'date', required: true, value: in90 < validTo ? in90 : validTo, max: validTo })),
    h('div', { className: 'actions' }, h('button', { type: 'submit' }, '发放 Issue')),
  );
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void find().catch((e) => showProblem(form.querySelector('.problem'), e));
  });
  onSubmit(form, async (values) => {
    const amount = parseMoney(values.faceValue);
    if (!values.enterpriseId) throw new Error('请先查找并选择企业 Find and choose an enterprise first');
    if (amount === null) throw new Error('请输入金额，例如 100000.00 Enter an amount such as 100000.00');
    const body = { enterpriseId: values.enterpriseId, faceValue: { amount, currency: program.budget.currency }, expiresAt: endOfDay(values.expiresOn) };
    const voucher = await send(form, `/v1/programs/${program.id}/vouchers`, { body });
    form.dataset.issuedId = voucher.id;
    await onIssued(voucher);
  });
  return form;
}

function revokeForm(voucher, onRevoked) {
  const form = h(
    'form',
    { className: 'inline revoke' },
    h(
      'label',
      {},
      h('span', { className: 'visually-hidden' }, '撤销原因 Reason to revoke'),
      h('input', { name: 'reason', required: true, maxLength: 1000, placeholder: '撤销原因 Reason' }),
    ),
    h('button', { type: 'submit', className: 'danger' }, '撤销 Revoke'),
    h('div', { className: 'problem', role: 'alert', hidden: true }),
  );
  onSubmit(form, async (values) => {
    await send(form, `/v1/vouchers/${voucher.id}/revoke`, { body: { reason: values.reason.trim() } });
    await onRevoked();
  });
  return form;
}

async function voucherTable(program, filter, refresh) {
  const vouchers = await vouchersOf(program.id, filter);
  const names = await Promise.all(vouchers.map((v) => nameOf(v.enterpriseId)));
  return table({
    caption: `补贴券 Vouchers (${vouchers.length})`,
    columns: [
      ['enterprise', '企业 Enterprise'],
      ['face', '面额 Face value'],
      ['used', '已用 Used'],
      ['remaining', '剩余 Remaining'],
      ['status', '状态 Status'],
      ['expires', '到期 Expires'],
      ['action', '操作 Action'],
    ],
    rows: vouchers.map((v, i) => ({
      key: v.id,
      cells: {
        enterprise: names[i],
        face: { text: money(v.faceValue.amount), value: v.faceValue.amount },
        used: { text: money(v.used.amount), value: v.used.amount },
        remaining: { text: money(v.remaining.amount), value: v.remaining.amount },
        status: { text: STATUSES[v.status] ?? v.status, value: v.status },
        expires: dateOf(v.expiresAt),
        action: v.status === 'active' ? revokeForm(v, refresh) : '',
      },
    })),
  });
}

export async function renderVouchers(section, scope) {
  const programmes = await programmesOf(scope.district);
  if (!programmes.length) return void section.append(h('p', {}, '该区还没有补贴项目 No programmes in this district yet'));
  const body = h('div');
  const picker = programmePicker(programmes, async (program) => {
    const filter = {};
    const list = h('div', { className: 'voucher-list' });
    const refresh = async () => list.replaceChildren(await voucherTable(program, filter, refresh));
    const status = h(
      'select',
      { name: 'status' },
      h('option', { value: '' }, '全部 All'),
      ...Object.entries(STATUSES).map(([value, label]) => h('option', { value }, label)),
    );
    status.addEventListener('change', () => {
      filter.status = status.value;
      void refresh();
    });
    const mine = h('input', { type: 'checkbox', name: 'chosenOnly' });
    mine.addEventListener('change', () => {
      filter.enterpriseId = mine.checked ? body.querySelector('input[name="enterpriseId"]:checked')?.value : undefined;
      void refresh();
    });
    const filters = h(
      'div',
      { className: 'toolbar filters' },
      field('状态 Status', status),
      h('label', { className: 'choice' }, mine, ' 只看所选企业 Only the chosen enterprise'),
    );
    body.replaceChildren(issueForm(program, refresh), filters, list);
    await refresh();
  });
  section.append(picker.element, body);
  await picker.ready;
}
