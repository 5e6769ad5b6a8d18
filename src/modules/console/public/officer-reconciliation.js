// District officer · reconciliation: start a run, watch it progress, read its counts and totals
// per outcome and the anomaly flags with the claims behind each.
/* global setTimeout */
import { onSubmit, send } from './actions.js';
import { api } from './api.js';
import { h, table, timeOf } from './dom.js';
import { count, money } from './format.js';
import { programmePicker, programmesOf } from './officer-common.js';

const OUTCOMES = [
  ['approved', '核准 Approved'],
  ['adjusted', '调整 Adjusted'],
  ['held', '暂缓 Held'],
  ['rejected', '驳回 Rejected'],
];
const STATUS = { queued: '排队中 Queued', running: '进行中 Running', completed: '已完成 Completed', failed: '失败 Failed' };
const ANOMALIES = {
  near_cap: '接近上限的补贴 A subsidy just under the cap',
  repeated_near_cap_pair: '同一服务商与企业多次接近上限 The same provider and enterprise just under the cap more than once',
  invoice_reused: '同一发票多次申领 One invoice on several claims',
  group_in_several_districts: '同一企业集团在多个区申领 One group claiming in several districts',
};
const DETAIL_LABELS = {
  claimId: '申领 Claim',
  engagementId: '合作 Engagement',
  amount: '金额 Amount',
  cap: '上限 Cap',
  providerId: '服务商 Provider',
  enterpriseId: '企业 Enterprise',
  claims: '申领数 Claims',
  invoiceKey: '发票 Invoice',
  programmes: '项目数 Programmes',
  groupKey: '集团 Group',
  districts: '区 Districts',
  claimsBehind: '涉及的申领 Claims behind it',
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The claims a flag over several of them lists: claim, engagement, programme and amount each. */
function claimsBehind(claims, currency) {
  return h(
    'ul',
    { className: 'claims-behind' },
    ...claims.map((c) =>
      h('li', { dataset: { engagementId: c.engagementId } }, `申领 Claim ${c.claimId} · 合作 Engagement ${c.engagementId} · ${money(c.amount, currency)}`),
    ),
  );
}

function detailList(detail, currency) {
  const text = (key, value) => (['amount', 'cap'].includes(key) ? money(value, currency) : Array.isArray(value) ? value.join(', ') : String(value));
  return h(
    'dl',
    { className: 'detail' },
    ...Object.entries(detail).flatMap(([key, value]) => [
      h('dt', {}, DETAIL_LABELS[key] ?? key),
      h('dd', { dataset: { key } }, key === 'claimsBehind' ? claimsBehind(value, currency) : text(key, value)),
    ]),
  );
}

function runReport(run, currency) {
  const progress = h('progress', { max: 1, value: run.progress, attrs: { 'aria-label': '进度 Progress' } });
  return h(
    'article',
    { className: 'card run', dataset: { runId: run.id, status: run.status } },
    h('h3', {}, `对账 Run ${timeOf(run.createdAt)} · ${STATUS[run.status] ?? run.status}`),
    h('p', {}, progress, ` ${count(run.processed)} / ${count(run.total)} (${Math.round(run.progress * 100)}%)`),
    run.error ? h('p', { className: 'problem' }, run.error) : null,
    table({
      caption: '各结果的数量 Counts per outcome',
      columns: [
        ['outcome', '结果 Outcome'],
        ['count', '笔数 Claims'],
      ],
      rows: OUTCOMES.map(([key, label]) => ({ key, cells: { outcome: label, count: { text: count(run.counts[key]), value: run.counts[key] } } })),
    }),
    table({
      caption: '金额 Totals',
      columns: [
        ['what', '项目 What'],
        ['amount', '金额 Amount'],
      ],
      rows: [
        {
          key: 'approved',
          cells: { what: '核准（含调整）Approved (adjusted included)', amount: { text: money(run.totals.approved, currency), value: run.totals.approved } },
        },
        {
          key: 'released',
          cells: { what: '退回可用 Released to available', amount: { text: money(run.totals.released, currency), value: run.totals.released } },
        },
      ],
    }),
    h('h4', {}, `异常提示 Anomaly flags (${run.anomalies.length})`),
    run.anomalies.length
      ? h(
          'ul',
          { className: 'anomalies' },
          ...run.anomalies.map((a) => h('li', { dataset: { kind: a.kind } }, h('strong', {}, ANOMALIES[a.kind] ?? a.kind), detailList(a.detail, currency))),
        )
      : h('p', { className: 'hint' }, '无 None'),
  );
}

/** Polls the run until it completes or fails, redrawing its report each time. */
async function follow(runId, box, currency) {
  for (;;) {
    const run = await api(`/v1/reconciliations/${runId}`);
    box.replaceChildren(runReport(run, currency));
    if (run.status === 'completed' || run.status === 'failed') return run;
    await sleep(400);
  }
}

export async function renderReconciliation(section, scope) {
  const programmes = await programmesOf(scope.district);
  if (!programmes.length) return void section.append(h('p', {}, '该区还没有补贴项目 No programmes in this district yet'));
  const body = h('div');
  const picker = programmePicker(programmes, async (program) => {
    const currency = program.budget.currency;
    const current = h('div', { className: 'current-run', attrs: { 'aria-live': 'polite' } });
    const history = h('div');
    const form = h(
      'form',
      { className: 'toolbar', id: 'reconcile-form' },
      h('button', { type: 'submit' }, '开始对账 Start reconciliation'),
      h('div', { className: 'problem', role: 'alert', hidden: true }),
    );
    const showHistory = async () => {
      const runs = (await api(`/v1/programs/${program.id}/reconciliations`)).data;
      history.replaceChildren(
        table({
          caption: '历次对账 Earlier runs',
          columns: [
            ['at', '时间 When'],
            ['status', '状态 Status'],
            ['approved', '核准 Approved'],
            ['held', '暂缓 Held'],
            ['rejected', '驳回 Rejected'],
            ['flags', '异常 Flags'],
            ['open', ''],
          ],
          rows: runs.map((r) => ({
            key: r.id,
            cells: {
              at: timeOf(r.createdAt),
              status: STATUS[r.status] ?? r.status,
              approved: `${count(r.counts.approved + r.counts.adjusted)} · ${money(r.totals.approved, currency)}`,
              held: count(r.counts.held),
              rejected: count(r.counts.rejected),
              flags: count(r.anomalies.length),
              open: h('button', { type: 'button', className: 'ghost', onclick: () => void follow(r.id, current, currency) }, '查看 Show'),
            },
          })),
        }),
      );
    };
    onSubmit(form, async () => {
      const { runId } = await send(form, `/v1/programs/${program.id}/reconciliations`);
      form.dataset.runId = runId;
      await follow(runId, current, currency);
      await showHistory();
    });
    body.replaceChildren(form, current, history);
    await showHistory();
  });
  section.append(picker.element, body);
  await picker.ready;
}
