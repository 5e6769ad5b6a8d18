// The alliance manager's charts: funnel, award rank, Lorenz curves, coverage map, trend.
import { axisLabel, cell, FONT } from './chart-frame.js';
import { DASH, fixed, percent } from './format.js';

// ---- alliance managers ---------------------------------------------------------------------

export const FUNNEL_STEPS = [
  ['invitations', '邀请 Invitations'],
  ['bids', '有投标的邀请 Bids'],
  ['awards', '中标 Awards'],
  ['completed', '完成 Completed'],
];

export function funnelChart(q) {
  const values = {
    invitations: q.invitationToBid.invitations,
    bids: q.invitationToBid.withBid,
    awards: q.awardRank.awarded,
    completed: q.engagements.completion.completed,
  };
  const data = FUNNEL_STEPS.map(([key, name]) => ({ name, value: values[key] }));
  const top = Math.max(values.invitations, 1);
  return {
    empty: values.invitations === 0,
    option: {
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          min: 0,
          max: top,
          minSize: '6%',
          left: '4%',
          width: '52%',
          top: 10,
          bottom: 10,
          gap: 2,
          label: { show: true, position: 'right', formatter: '{b}  {c}', color: '#1f2328', fontFamily: FONT },
          labelLine: { show: true, length: 12 },
          data,
        },
      ],
    },
    table: {
      columns: ['阶段 Step', '数量 Count', '相对上一步 From previous step'],
      rows: FUNNEL_STEPS.map(([key, label], i) => {
        const prev = i === 0 ? null : values[FUNNEL_STEPS[i - 1][0]];
        return { key, label, cells: [cell(values[key]), { text: prev ? percent(values[key] / prev) : DASH }] };
      }),
    },
  };
}

export function awardRankChart(q) {
  const d = q.awardRank.distribution;
  const labels = [...d.byRank.map((_, i) => `${i + 1}`), '>10', '未排名\nNot ranked'];
  const values = [...d.byRank, d.over10, d.notRanked];
  return {
    empty: q.awardRank.awarded === 0,
    option: {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 44, bottom: 64 },
      xAxis: { type: 'category', data: labels, name: '排名 Rank', nameLocation: 'middle', nameGap: 44, axisLabel: { ...axisLabel, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, name: '中标数 Awards' },
      series: [{ type: 'bar', name: '中标 Awards', data: values, label: { show: true, position: 'top', formatter: (p) => (p.value ? p.value : '') } }],
    },
    table: {
      columns: ['排名 Rank', '中标数 Awards'],
      rows: labels.map((label, i) => ({
        key: i < 10 ? `rank-${i + 1}` : i === 10 ? 'over10' : 'notRanked',
        label: label.replace('\n', ' '),
        cells: [cell(values[i])],
      })),
    },
  };
}

export function lorenzChart(q) {
  const c = q.concentration;
  const line = (points) => points.map((p) => [p.memberShare, p.valueShare]);
  const currency = c.awardedValue.currency ? ` (${c.awardedValue.currency})` : '';
  const series = [
    ['invitations', `邀请 Invitations · Gini ${fixed(c.invitations.gini)}`, c.invitations],
    ['awardedValue', `中标金额 Awarded value${currency} · Gini ${fixed(c.awardedValue.gini)}`, c.awardedValue],
  ];
  const pct = (v) => `${Math.round(v * 100)}%`;
  return {
    option: {
      tooltip: { trigger: 'item', valueFormatter: (v) => pct(v) },
      legend: { top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 64, right: 20, top: 64, bottom: 48 },
      xAxis: { type: 'value', min: 0, max: 1, name: '成员累计占比 Share of members', nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: pct } },
      yAxis: { type: 'value', min: 0, max: 1, name: '价值累计占比 Share of value', nameLocation: 'middle', nameGap: 44, axisLabel: { formatter: pct } },
      series: [
        {
          type: 'line',
          name: '完全平等 Equality',
          data: [
            [0, 0],
            [1, 1],
          ],
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#8c959f' },
          itemStyle: { color: '#8c959f' },
        },
        ...series.map(([, name, s]) => ({ type: 'line', name, data: line(s.lorenz), showSymbol: s.lorenz.length <= 30 })),
      ],
    },
    table: {
      columns: ['序列 Series', '基尼系数 Gini', '洛伦兹点 Lorenz points (members → value)'],
      rows: series.map(([key, name, s]) => ({
        key,
        label: name.split(' · ')[0],
        cells: [cell(s.gini, fixed(s.gini)), { text: s.lorenz.map((p) => `${pct(p.memberShare)}→${pct(p.valueShare)}`).join(', ') || DASH }],
      })),
    },
  };
}

/** Country × category, coloured by vetted members (red: a gap), each cell labelled "members / demand". */
export function coverageChart(q, names) {
  const gaps = q.coverageGaps;
  const countries = [...new Set(gaps.map((g) => g.country))];
  const demandOf = (country) => gaps.filter((g) => g.country === country).reduce((n, g) => n + g.demand, 0);
  countries.sort((a, b) => demandOf(a) - demandOf(b) || b.localeCompare(a));
  const categories = [...new Set(gaps.map((g) => g.category))].sort();
  const max = Math.max(1, ...gaps.map((g) => g.vettedMembers));
  const data = gaps.map((g) => ({ value: [categories.indexOf(g.category), countries.indexOf(g.country), g.vettedMembers], demand: g.demand }));
  return {
    empty: gaps.length === 0,
    option: {
      tooltip: {
        formatter: (p) =>
          `${names.country(countries[p.value[1]])} · ${names.category(categories[p.value[0]])}<br>已审核成员 Vetted members: ${p.value[2]}<br>需求 Demand: ${p.data.demand}`,
      },
      grid: { left: 8, right: 24, top: 16, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: categories.map(names.category), splitArea: { show: true }, axisLabel: { ...axisLabel, interval: 0, rotate: 20 } },
      yAxis: { type: 'category', data: countries.map(names.country), splitArea: { show: true }, axisLabel },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        text: [`${max}`, '0 已审核成员 Vetted members'],
        inRange: { color: ['#cf222e', '#f2cc60', '#2da44e'] },
        textStyle: { fontFamily: FONT },
      },
      series: [
        {
          type: 'heatmap',
          name: '已审核成员 Vetted members',
          data,
          label: { show: true, formatter: (p) => `${p.value[2]} / ${p.data.demand}`, fontFamily: FONT },
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
        },
      ],
    },
    table: {
      columns: ['国家 · 类别 Country · category', '已审核成员 Vetted members', '需求 Demand'],
      rows: gaps.map((g) => ({
        key: `${g.country}:${g.category}`,
        label: `${names.country(g.country)} · ${names.category(g.category)}`,
        cells: [cell(g.vettedMembers), cell(g.demand)],
      })),
    },
  };
}

export const TREND_SERIES = [
  ['requests', '需求 Requests'],
  ['invitations', '邀请 Invitations'],
  ['bids', '投标 Bids'],
  ['awards', '中标 Awards'],
  ['completed', '完成 Completed'],
];

export function trendChart(q) {
  const months = q.trend.map((t) => t.month);
  return {
    empty: months.length === 0,
    option: {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 40, right: 20, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: months, boundaryGap: months.length === 1 },
      yAxis: { type: 'value', minInterval: 1 },
      series: TREND_SERIES.map(([key, name]) => ({ type: 'line', name, data: q.trend.map((t) => t[key]), showSymbol: true, symbolSize: 7 })),
    },
    table: {
      columns: ['月份 Month', ...TREND_SERIES.map(([, name]) => name)],
      rows: q.trend.map((t) => ({ key: t.month, label: t.month, cells: TREND_SERIES.map(([key]) => cell(t[key])) })),
    },
  };
}
