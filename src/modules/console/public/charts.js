// Charts of the console (Apache ECharts, SVG renderer so every figure is in the DOM), each with a
// data table beside it for screen readers, printing and tests. No framework, no build step.
/* global document, window, ResizeObserver */

const echarts = window.echarts;
const DASH = '–';
const DAY = 86_400_000;
const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
const COLORS = ['#1f6feb', '#f0883e', '#8957e5', '#2da44e', '#bf8700', '#cf222e', '#57606a'];

// ---- formatting ----------------------------------------------------------------------------

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
export const count = (v) => (isNum(v) ? v.toLocaleString('en-US') : DASH);
export const fixed = (v, digits = 2) => (isNum(v) ? v.toFixed(digits) : DASH);
export const percent = (v, digits = 1) => (isNum(v) ? `${(v * 100).toFixed(digits)}%` : DASH);
export const hours = (v) => (isNum(v) ? `${v.toFixed(1)} h` : DASH);

const SYMBOLS = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$' };

/** Digits after the point of a currency (CNY 2, JPY 0), from the platform's ISO 4217 data. */
export function minorDigits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

/** Integer minor units as "¥1,234.56", exactly: string arithmetic, no floating point. */
export function money(amount, currency = 'CNY') {
  if (!Number.isSafeInteger(amount)) return DASH;
  const digits = minorDigits(currency);
  const s = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = s.slice(0, s.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = digits ? `${whole}.${s.slice(s.length - digits)}` : whole;
  return `${amount < 0 ? '-' : ''}${SYMBOLS[currency] ?? `${currency} `}${text}`;
}

/** Minor units as a plain number of major units, for chart axes only. */
export const major = (amount, currency = 'CNY') => amount / 10 ** minorDigits(currency);

/** "1234.5" (major units, as typed) → 123450 minor units; null when not a plain amount. */
export function parseMoney(text, currency = 'CNY') {
  const digits = minorDigits(currency);
  const m = new RegExp(`^\\s*(\\d+)(?:\\.(\\d{0,${digits}}))?\\s*$`).exec(String(text).replace(/[,，¥\s]/g, ''));
  if (!m) return null;
  const value = Number(m[1] + (m[2] ?? '').padEnd(digits, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

// ---- rendering -----------------------------------------------------------------------------

const charts = new WeakMap();
const observer = new ResizeObserver((entries) => entries.forEach((e) => charts.get(e.target)?.resize()));

const noData = {
  type: 'text', left: 'center', top: 'middle', silent: true,
  style: { text: '暂无数据 No data', fill: '#59636e', fontSize: 14, fontFamily: FONT },
};

/** Draws `option` into the figure's .chart and puts its data table below it. */
export function render(figure, { option, table, empty = false }) {
  const el = figure.querySelector('.chart');
  let chart = charts.get(el);
  if (!chart) {
    chart = echarts.init(el, null, { renderer: 'svg' });
    charts.set(el, chart);
    observer.observe(el);
  }
  const base = { animation: false, color: COLORS, textStyle: { fontFamily: FONT }, aria: { enabled: true } };
  chart.setOption({ ...base, ...option, ...(empty ? { graphic: noData } : {}) }, { notMerge: true });
  figure.dataset.empty = String(empty);
  figure.querySelector('details')?.remove();
  figure.append(dataTable(table));
  figure.dataset.rendered = 'true';
}

/** Every chart on the page again at its container's size (after print layout changes). */
export function resizeAll() {
  document.querySelectorAll('.chart').forEach((el) => charts.get(el)?.resize());
}

function dataTable({ columns, rows }) {
  const details = document.createElement('details');
  details.className = 'data';
  const summary = document.createElement('summary');
  summary.textContent = '数据表 Data table';
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const c of columns) head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: c }));
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    tr.dataset.key = row.key;
    tr.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: row.label }));
    for (const cell of row.cells) {
      const td = tr.insertCell();
      td.textContent = cell.text;
      if (cell.value !== undefined && cell.value !== null) td.dataset.value = String(cell.value);
    }
  }
  details.append(summary, table);
  return details;
}

const cell = (value, text = count(value)) => ({ value, text });
const axisLabel = { fontFamily: FONT };

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
          type: 'funnel', sort: 'none', min: 0, max: top, minSize: '6%', left: '4%', width: '52%', top: 10, bottom: 10, gap: 2,
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
      rows: labels.map((label, i) => ({ key: i < 10 ? `rank-${i + 1}` : i === 10 ? 'over10' : 'notRanked', label: label.replace('\n', ' '), cells: [cell(values[i])] })),
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
        { type: 'line', name: '完全平等 Equality', data: [[0, 0], [1, 1]], symbol: 'none', lineStyle: { type: 'dashed', color: '#8c959f' }, itemStyle: { color: '#8c959f' } },
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
        min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
        text: [`${max}`, '0 已审核成员 Vetted members'], inRange: { color: ['#cf222e', '#f2cc60', '#2da44e'] }, textStyle: { fontFamily: FONT },
      },
      series: [
        {
          type: 'heatmap', name: '已审核成员 Vetted members', data,
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

// ---- district officers ---------------------------------------------------------------------

export const LEDGER_PARTS = [
  ['reserved', '已预留 Reserved', '#bf8700'],
  ['committed', '已承诺 Committed', '#f0883e'],
  ['approved', '已核准 Approved', '#8957e5'],
  ['paid', '已支付 Paid', '#2da44e'],
  ['available', '可用 Available', '#1f6feb'],
];

export function budgetChart(ledger) {
  const currency = ledger.budget.currency;
  const wide = (amount) => amount > 0 && amount >= ledger.budget.amount * 0.15;
  const names = Object.fromEntries(LEDGER_PARTS.map(([key, name]) => [name, `${name} ${money(ledger[key].amount, currency)}`]));
  return {
    option: {
      tooltip: { trigger: 'item', formatter: (p) => `${p.seriesName}: ${money(ledger[LEDGER_PARTS[p.seriesIndex][0]].amount, currency)}` },
      legend: { top: 0, textStyle: { fontFamily: FONT }, formatter: (name) => names[name] ?? name },
      grid: { left: 16, right: 32, top: 64, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: Math.max(major(ledger.budget.amount, currency), 0.01), axisLabel: { formatter: (v) => `${SYMBOLS[currency] ?? ''}${v.toLocaleString('en-US')}` } },
      yAxis: { type: 'category', data: ['预算 Budget'], axisLabel },
      series: LEDGER_PARTS.map(([key, name, color]) => ({
        type: 'bar', name, stack: 'budget', barWidth: 44, itemStyle: { color },
        data: [major(ledger[key].amount, currency)],
        label: { show: wide(ledger[key].amount), position: 'inside', color: '#fff', formatter: () => money(ledger[key].amount, currency) },
      })),
    },
    table: {
      columns: ['账户 Account', '金额 Amount'],
      rows: [['budget', '总预算 Budget'], ...LEDGER_PARTS].map(([key, label]) => ({ key, label, cells: [cell(ledger[key].amount, money(ledger[key].amount, currency))] })),
    },
  };
}

/** A yyyy-mm-dd as the browser's local midnight, the way ECharts' time axis reads dates. */
const day = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
};

export function burnDownChart(history) {
  const { currency, points, burnDown } = history;
  const last = points.at(-1);
  const projection = last && burnDown.runsOutOn ? [[day(last.date), major(last.available, currency)], [day(burnDown.runsOutOn), 0]] : [];
  // A day is the finest step of the history; a short one gets a week around it.
  const first = points[0] ? day(points[0].date) : Date.now();
  const end = burnDown.runsOutOn ? day(burnDown.runsOutOn) : last ? day(last.date) : first;
  const pad = end - first < 7 * DAY ? 3 * DAY : 0;
  return {
    empty: points.length === 0,
    option: {
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${SYMBOLS[currency] ?? ''}${Number(v).toLocaleString('en-US', { maximumFractionDigits: 2 })}` },
      legend: { top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 16, right: 32, top: 48, bottom: 32, containLabel: true },
      xAxis: { type: 'time', minInterval: DAY, min: first - pad, max: end + pad, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v) => v.toLocaleString('en-US') } },
      series: [
        {
          type: 'line', name: '可用 Available', step: 'end', showSymbol: points.length <= 40, areaStyle: { opacity: 0.12 }, itemStyle: { color: '#1f6feb' },
          data: points.map((p) => [day(p.date), major(p.available, currency)]),
        },
        projection.length && {
          type: 'line', name: '按当前速度 At the current pace', data: projection, lineStyle: { type: 'dashed' }, itemStyle: { color: '#cf222e' },
          markLine: burnDown.runsOutOn
            ? { symbol: 'none', label: { formatter: `用尽 Runs out ${burnDown.runsOutOn}`, fontFamily: FONT, position: 'insideEndTop' }, data: [{ xAxis: day(burnDown.runsOutOn) }] }
            : undefined,
        },
      ].filter(Boolean),
    },
    table: {
      columns: ['日期 Date', ...LEDGER_PARTS.map(([, name]) => name)],
      rows: points.map((p) => ({ key: p.date, label: p.date, cells: LEDGER_PARTS.map(([key]) => cell(p[key], money(p[key], currency))) })),
    },
  };
}
