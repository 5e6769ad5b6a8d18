// District officer · audit trail: who did what to the programme, its vouchers and settlements.
/* global URLSearchParams */
import { api } from './api.js';
import { h, table, timeOf } from './dom.js';
import { money } from './format.js';
import { programmePicker, programmesOf } from './officer-common.js';

const ACTIONS = {
  'program.created': '创建项目 Programme created',
  'voucher.issued': '发放补贴券 Voucher issued',
  'voucher.revoked': '撤销补贴券 Voucher revoked',
  'voucher.expired': '补贴券过期 Voucher expired',
  'reconciliation.queued': '发起对账 Reconciliation started',
  'settlement.paid': '确认支付 Payout confirmed',
};

/** The entry's data in a line: amounts as money, a revocation's reason, a payout's reference. */
function summary(entry) {
  const d = entry.data ?? {};
  const parts = [];
  if (typeof d.face === 'number') parts.push(`面额 Face ${money(d.face)}`);
  if (typeof d.released === 'number') parts.push(`退回 Released ${money(d.released)}`);
  if (d.budget?.amount !== undefined) parts.push(`预算 Budget ${money(d.budget.amount, d.budget.currency)}`);
  if (d.reason) parts.push(`原因 Reason: ${d.reason}`);
  if (d.reference) parts.push(`流水号 Reference: ${d.reference}`);
  if (d.runId) parts.push(`对账 Run ${String(d.runId).slice(0, 8)}`);
  return parts.join(' · ');
}

const rowsOf = (entries) =>
  entries.map((e) => ({
    key: e.id,
    cells: {
      at: timeOf(e.at),
      action: { text: ACTIONS[e.action] ?? e.action, value: e.action },
      actor: `${e.actor.role} · ${e.actor.org}`,
      entity: `${e.entityType} ${e.entityId.slice(0, 8)}`,
      detail: summary(e),
    },
  }));

export async function renderAudit(section, scope) {
  const programmes = await programmesOf(scope.district);
  if (!programmes.length) return void section.append(h('p', {}, '该区还没有补贴项目 No programmes in this district yet'));
  const body = h('div');
  const picker = programmePicker(programmes, async (program) => {
    const entries = [];
    let cursor = null;
    const more = h('button', { type: 'button', className: 'ghost', onclick: () => void load() }, '加载更多 Load more');
    const holder = h('div');
    const load = async () => {
      const res = await api(`/v1/programs/${program.id}/audit?${new URLSearchParams({ limit: '50', ...(cursor ? { cursor } : {}) })}`);
      entries.push(...res.data);
      cursor = res.nextCursor;
      more.hidden = !cursor;
      holder.replaceChildren(
        table({
          caption: `审计记录 Audit trail (${entries.length}${cursor ? '+' : ''})`,
          columns: [
            ['at', '时间 When'],
            ['action', '操作 Action'],
            ['actor', '操作人 Actor'],
            ['entity', '对象 Object'],
            ['detail', '详情 Detail'],
          ],
          rows: rowsOf(entries),
        }),
      );
    };
    body.replaceChildren(holder, more);
    await load();
  });
  section.append(picker.element, body);
  await picker.ready;
}
