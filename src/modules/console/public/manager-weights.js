// Alliance manager · weights: the weights its requests are ranked with, a replay of past awards
// under proposed weights beside the live ranking's metrics, and applying them.
/* global setTimeout */
import { onSubmit, send } from './actions.js';
import { api } from './api.js';
import { cell, FONT } from './chart-frame.js';
import { render } from './charts.js';
import { endOfDay, field, h, table } from './dom.js';
import { count, DAY, fixed, isoDay, percent } from './format.js';
import { FACTOR_NAMES } from './manager-matches.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const METRICS = [
  ['awarded', '中标需求 Awarded requests', count],
  ['ranked', '中标者在排名中 Winner was ranked', count],
  ['meanRank', '中标者平均排名 Mean rank of the winner', (v) => fixed(v, 2)],
  ['mrr', '平均倒数排名 MRR', (v) => fixed(v, 3)],
  ['ndcgAt10', 'NDCG@10', (v) => fixed(v, 3)],
];

/** Current and proposed rank distributions of the awarded providers, as grouped bars. */
export function replayChart(result) {
  const labels = [...result.current.distribution.byRank.map((_, i) => `${i + 1}`), '>10', '未排名 Not ranked'];
  const values = (m) => [...m.distribution.byRank, m.distribution.over10, m.distribution.notRanked];
  const [current, proposed] = [values(result.current), values(result.proposed)];
  return {
    empty: result.requests === 0,
    option: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 40, right: 16, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: labels, name: '中标者排名 Rank of the winner', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: '当前 Current', data: current },
        { type: 'bar', name: '提议 Proposed', data: proposed },
      ],
    },
    table: {
      columns: ['排名 Rank', '当前 Current', '提议 Proposed'],
      rows: labels.map((label, i) => ({
        key: i < 10 ? `rank-${i + 1}` : i === 10 ? 'over10' : 'notRanked',
        label,
        cells: [cell(current[i]), cell(proposed[i])],
      })),
    },
  };
}

function comparison(result) {
  return table({
    caption: `回放 ${result.requests} 个已中标需求 Replayed ${result.requests} awarded requests`,
    columns: [
      ['metric', '指标 Metric'],
      ['current', '当前权重 Current weights'],
      ['proposed', '提议权重 Proposed weights'],
    ],
    rows: METRICS.map(([key, label, format]) => ({
      key,
      cells: {
        metric: label,
        current: { text: format(result.current[key]), value: result.current[key] },
        proposed: { text: format(result.proposed[key]), value: result.proposed[key] },
      },
    })),
  });
}

export async function renderWeights(section, scope) {
  const allianceId = scope.allianceId;
  const current = await api(`/v1/alliances/${allianceId}/match-weights`);
  const inputs = Object.fromEntries(
    Object.entries(current.weights).map(([name, w]) => [
      name,
      h('input', { type: 'number', min: '0', step: 'any', name, value: String(Math.round(w * 1000) / 10), required: true }),
    ]),
  );
  const weightsTable = table({
    caption: current.overrides ? '本联盟设定的权重 The alliance’s own weights' : '平台默认权重 The platform’s weights',
    columns: [
      ['factor', '因素 Factor'],
      ['current', '当前 Current'],
      ['proposed', '提议（相对值）Proposed (relative)'],
    ],
    rows: Object.entries(current.weights).map(([name, w]) => ({
      key: name,
      cells: {
        factor: FACTOR_NAMES[name] ?? name,
        current: { text: percent(w), value: w },
        proposed: h('label', {}, h('span', { className: 'visually-hidden' }, FACTOR_NAMES[name] ?? name), inputs[name]),
      },
    })),
  });
  const proposed = () => Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, Number(input.value)]));
  const today = new Date();
  const result = h('div', { className: 'replay-result', attrs: { 'aria-live': 'polite' } });
  const figure = h(
    'figure',
    { className: 'chart-card', dataset: { chart: 'replay' }, hidden: true },
    h('figcaption', {}, '中标者排名分布 Where the winners ranked'),
    h('div', { className: 'chart' }),
  );
  const apply = h(
    'button',
    { type: 'submit', name: 'apply', value: 'apply', className: 'secondary-action', disabled: true, dataset: { disabled: 'true' } },
    '应用提议权重 Apply the proposed weights',
  );
  const form = h(
    'form',
    { className: 'card', id: 'weights-form' },
    h('div', { className: 'problem', role: 'alert', hidden: true }),
    weightsTable,
    h(
      'div',
      { className: 'toolbar' },
      field('从 From', h('input', { type: 'date', name: 'from', required: true, value: isoDay(new Date(today.getTime() - 180 * DAY)) })),
      field('到 To', h('input', { type: 'date', name: 'to', required: true, value: isoDay(today) })),
      h('button', { type: 'submit', name: 'replay', value: 'replay' }, '回放 Replay'),
      apply,
    ),
    h('output', { className: 'applied', attrs: { 'aria-live': 'polite' } }),
  );
  const applicable = (yes) => {
    apply.disabled = !yes;
    apply.dataset.disabled = String(!yes);
  };
  form.addEventListener('input', () => applicable(false)); // apply only what was replayed
  onSubmit(form, async (values, _form, submitter) => {
    if (submitter?.value === 'apply') {
      const saved = await send(apply, `/v1/alliances/${allianceId}/match-weights`, { method: 'PUT', body: { weights: proposed() } });
      form.querySelector('output.applied').textContent = `已应用 Applied: ${Object.entries(saved.weights)
        .map(([n, w]) => `${n} ${percent(w)}`)
        .join(' · ')}`;
      form.dataset.applied = 'true';
      return;
    }
    const body = { weights: proposed(), from: new Date(`${values.from}T00:00:00+08:00`).toISOString(), to: endOfDay(values.to) };
    const { replayId } = await send(form, '/v1/quality/replays', { body });
    let replay;
    for (let i = 0; i < 150; i++) {
      replay = await api(`/v1/quality/replays/${replayId}`);
      if (replay.status !== 'queued') break;
      await sleep(300);
    }
    if (replay.status !== 'completed') throw new Error(`回放未完成 The replay is ${replay.status}`);
    result.dataset.replayId = replayId;
    result.replaceChildren(comparison(replay.result));
    figure.hidden = false;
    render(figure, replayChart(replay.result));
    applicable(true);
  });
  section.append(
    h('p', { className: 'hint' }, '提议的权重按相对值填写，保存时归一化为合计 100%。Proposed weights are relative; they are normalised to sum 100%.'),
    form,
    result,
    figure,
  );
}
