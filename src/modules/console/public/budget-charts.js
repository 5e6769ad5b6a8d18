// The district officer's charts: a programme's budget split, and its burn-down.
import { axisLabel, cell, FONT } from './chart-frame.js';
import { major, money, SYMBOLS } from './format.js';

import { DAY } from './format.js';

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
      xAxis: {
        type: 'value',
        max: Math.max(major(ledger.budget.amount, currency), 0.01),
        axisLabel: { formatter: (v) => `${SYMBOLS[currency] ?? ''}${v.toLocaleString('en-US')}` },
      },
      yAxis: { type: 'category', data: ['预算 Budget'], axisLabel },
      series: LEDGER_PARTS.map(([key, name, color]) => ({
        type: 'bar',
        name,
        stack: 'budget',
        barWidth: 44,
        itemStyle: { color },
        data: [major(ledger[key].amount, currency)],
        label: { show: wide(ledger[key].amount), position: 'inside', color: '#fff', formatter: () => money(ledger[key].amount, currency) },
      })),
    },
    table: {
      columns: ['账户 Account', '金额 Amount'],
      rows: [['budget', '总预算 Budget'], ...LEDGER_PARTS].map(([key, label]) => ({
        key,
        label,
        cells: [cell(ledger[key].amount, money(ledger[key].amount, currency))],
      })),
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
  const projection =
    last && burnDown.runsOutOn
      ? [
          [day(last.date), major(last.available, currency)],
          [day(burnDown.runsOutOn), 0],
        ]
      : [];
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
          type: 'line',
          name: '可用 Available',
          step: 'end',
          showSymbol: points.length <= 40,
          areaStyle: { opacity: 0.12 },
          itemStyle: { color: '#1f6feb' },
          data: points.map((p) => [day(p.date), major(p.available, currency)]),
        },
        projection.length && {
          type: 'line',
          name: '按当前速度 At the current pace',
          data: projection,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#cf222e' },
          markLine: burnDown.runsOutOn
            ? {
                symbol: 'none',
                label: { formatter: `用尽 Runs out ${burnDown.runsOutOn}`, fontFamily: FONT, position: 'insideEndTop' },
                data: [{ xAxis: day(burnDown.runsOutOn) }],
              }
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
