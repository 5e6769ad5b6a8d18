// Drawing a chart (Apache ECharts, SVG renderer so every figure is in the DOM) with a data table
// beside it for screen readers, printing and tests.
/* global document, window, ResizeObserver */
import { count } from './format.js';

const echarts = window.echarts;
export const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
export const COLORS = ['#1f6feb', '#f0883e', '#8957e5', '#2da44e', '#bf8700', '#cf222e', '#57606a'];

// ---- rendering -----------------------------------------------------------------------------

const charts = new WeakMap();
const observer = new ResizeObserver((entries) => entries.forEach((e) => charts.get(e.target)?.resize()));

const noData = {
  type: 'text',
  left: 'center',
  top: 'middle',
  silent: true,
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

export const cell = (value, text = count(value)) => ({ value, text });
export const axisLabel = { fontFamily: FONT };
