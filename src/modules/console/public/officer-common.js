// What the district officer's views share: the district's programmes and a programme picker
// that remembers its choice from view to view.
import { allPrograms } from './district-view.js';
import { field, h } from './dom.js';
import { money } from './format.js';
import { ratePercent } from './subsidy.js';

let chosen = null;

/** The district's programmes, newest first. */
export async function programmesOf(district) {
  return (await allPrograms(district)).reverse();
}

/**
 * A <select> of the programmes, calling `onChange(program)` now and on every change; `null`
 * when the district has none yet.
 */
export function programmePicker(programmes, onChange) {
  const select = h('select', { name: 'programId', className: 'programme-picker' }, ...programmes.map((p) => h('option', { value: p.id }, p.name)));
  if (programmes.some((p) => p.id === chosen)) select.value = chosen;
  const current = () => programmes.find((p) => p.id === select.value) ?? null;
  select.addEventListener('change', () => {
    chosen = select.value;
    void onChange(current());
  });
  chosen = select.value || null;
  return { element: h('div', { className: 'toolbar' }, field('项目 Programme', select)), ready: onChange(current()) };
}

/** One line of a programme's terms. */
export const termsOf = (p) =>
  `${ratePercent(p.rateBps)} · 单券上限 Per voucher ${money(p.perVoucherCap.amount, p.budget.currency)} · ` +
  `企业集团上限 Per group ${money(p.perEnterpriseCap.amount, p.budget.currency)} · 预算 Budget ${money(p.budget.amount, p.budget.currency)}`;

export const RULES = {
  in_district: '本区 In district',
  alliance_member: '联盟成员 Alliance members',
  any_vetted: '任一已审核 Any vetted',
  any: '不限 Any',
  provider: '服务商兑付：企业付差额 Provider redeems, enterprise pays the rest',
  enterprise: '企业全额付款后报销 Enterprise pays in full, then is reimbursed',
};
