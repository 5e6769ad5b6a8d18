// District officer · programmes: the district's programmes, and a new one with every policy
// term and a live preview of the subsidy on an example price.
import { onSubmit, send } from './actions.js';
import { names } from './api.js';
import { dateOf, endOfDay, field, h, table } from './dom.js';
import { isoDay, money, parseMoney } from './format.js';
import { programmesOf, RULES } from './officer-common.js';
import { ratePercent, subsidyPreview } from './subsidy.js';

const CURRENCY = 'CNY';
const select = (name, values) => h('select', { name }, ...values.map((v) => h('option', { value: v }, RULES[v])));
const money$ = (name, value = '') => h('input', { name, value, inputMode: 'decimal', required: true, autocomplete: 'off' });

function listOf(programmes) {
  return table({
    caption: '本区补贴项目 The district’s programmes',
    columns: [
      ['name', '名称 Name'],
      ['policy', '政策文号 Policy'],
      ['rate', '比例 Rate'],
      ['caps', '上限 Caps (voucher / group)'],
      ['budget', '预算 / 可用 Budget / available'],
      ['valid', '有效期 Valid'],
      ['rules', '规则 Rules'],
    ],
    rows: programmes.map((p) => ({
      key: p.id,
      cells: {
        name: p.name,
        policy: p.policyRef,
        rate: { text: ratePercent(p.rateBps), value: p.rateBps },
        caps: `${money(p.perVoucherCap.amount)} / ${money(p.perEnterpriseCap.amount)}`,
        budget: { text: `${money(p.budget.amount)} / ${money(p.ledger?.available.amount)}`, value: p.ledger?.available.amount },
        valid: `${dateOf(p.validFrom)} → ${dateOf(p.validTo)}`,
        rules: `${RULES[p.providerRule]} · ${RULES[p.enterpriseRule]} · ${RULES[p.redemption]}`,
      },
    })),
  });
}

/** The terms typed so far, in minor units; null for a field that is not an amount yet. */
function termsOf(form) {
  const v = (name) => form.elements[name].value;
  return {
    rateBps: Math.round(Number(v('rate')) * 100),
    perVoucherCap: parseMoney(v('perVoucherCap'), CURRENCY),
    perEnterpriseCap: parseMoney(v('perEnterpriseCap'), CURRENCY),
    budget: parseMoney(v('budget'), CURRENCY),
    example: parseMoney(v('example'), CURRENCY),
  };
}

function createForm(district, onCreated) {
  const today = new Date();
  const categories = h(
    'fieldset',
    { className: 'checks' },
    h('legend', {}, '服务类别 Categories'),
    ...[...names.categories].map(([code, label]) =>
      h('label', {}, h('input', { type: 'checkbox', name: 'categories', value: code, checked: code === 'legal' }), ' ', label),
    ),
  );
  const preview = h('output', { className: 'preview', attrs: { 'aria-live': 'polite' } });
  const form = h(
    'form',
    { className: 'card form-grid', id: 'program-create', attrs: { 'aria-labelledby': 'program-create-title' } },
    h('h3', { id: 'program-create-title' }, '新建补贴项目 New programme'),
    h('div', { className: 'problem', role: 'alert', hidden: true }),
    field('名称 Name', h('input', { name: 'name', required: true, maxLength: 200 })),
    field('政策文号 Policy reference', h('input', { name: 'policyRef', required: true, maxLength: 200 })),
    field('补贴比例（%）Rate (%)', h('input', { name: 'rate', type: 'number', min: '0.01', max: '100', step: '0.01', value: '30', required: true })),
    field('单券上限（元）Per-voucher cap (¥)', money$('perVoucherCap', '300000')),
    field('企业集团上限（元）Per-group cap (¥)', money$('perEnterpriseCap', '300000')),
    field('总预算（元）Budget (¥)', money$('budget', '10000000')),
    field('服务商规则 Provider rule', select('providerRule', ['in_district', 'alliance_member', 'any_vetted'])),
    field('企业规则 Enterprise rule', select('enterpriseRule', ['in_district', 'any'])),
    field('兑付方式 Redemption', select('redemption', ['provider', 'enterprise'])),
    field('生效 Valid from', h('input', { name: 'validFrom', type: 'date', value: isoDay(today), required: true })),
    field('截止 Valid to', h('input', { name: 'validTo', type: 'date', value: isoDay(new Date(today.getTime() + 365 * 86_400_000)), required: true })),
    categories,
    h(
      'div',
      { className: 'preview-box' },
      field('示例采购价（元）Example price (¥)', money$('example', '1200000')),
      h('p', {}, '补贴预览 Subsidy preview: ', preview),
    ),
    h('div', { className: 'actions' }, h('button', { type: 'submit' }, '创建项目 Create programme')),
  );
  const update = () => {
    const t = termsOf(form);
    const ok = t.rateBps > 0 && t.rateBps <= 10_000 && [t.perVoucherCap, t.perEnterpriseCap, t.example].every((x) => x !== null);
    preview.textContent = ok ? subsidyPreview(t.example, t, CURRENCY) : '–';
  };
  form.addEventListener('input', update);
  update();

  onSubmit(form, async (values) => {
    const t = termsOf(form);
    for (const key of ['perVoucherCap', 'perEnterpriseCap', 'budget']) {
      if (t[key] === null) throw new Error(`${key}: 请输入金额，例如 300000.00 Enter an amount such as 300000.00`);
    }
    const m = (amount) => ({ amount, currency: CURRENCY });
    const body = {
      district,
      name: values.name.trim(),
      policyRef: values.policyRef.trim(),
      rateBps: t.rateBps,
      perVoucherCap: m(t.perVoucherCap),
      perEnterpriseCap: m(t.perEnterpriseCap),
      budget: m(t.budget),
      categories: [...form.querySelectorAll('input[name="categories"]:checked')].map((c) => c.value),
      providerRule: values.providerRule,
      enterpriseRule: values.enterpriseRule,
      redemption: values.redemption,
      validFrom: new Date(`${values.validFrom}T00:00:00+08:00`).toISOString(),
      validTo: endOfDay(values.validTo),
    };
    const created = await send(form, '/v1/programs', { body });
    form.dataset.createdId = created.id;
    await onCreated(created);
  });
  return form;
}

export async function renderProgrammes(section, scope) {
  const district = scope.district;
  const list = h('div', { className: 'programme-list' });
  const refresh = async () => list.replaceChildren(listOf(await programmesOf(district)));
  section.append(h('p', { className: 'hint' }, `${scope.districtName(district)} ${district}`), list, createForm(district, refresh));
  await refresh();
}
