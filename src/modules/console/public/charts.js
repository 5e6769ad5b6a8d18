// The console's charts, one module per audience; formatting shared with the page.
export { render, resizeAll } from './chart-frame.js';
export { count, fixed, hours, major, minorDigits, money, parseMoney, percent } from './format.js';
export { awardRankChart, coverageChart, FUNNEL_STEPS, funnelChart, lorenzChart, TREND_SERIES, trendChart } from './alliance-charts.js';
export { budgetChart, burnDownChart, LEDGER_PARTS } from './budget-charts.js';
